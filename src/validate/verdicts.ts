/**
 * A call's validation: every event's verdict against the plan, and the counts the list, the
 * status bar, the popup and the reports show. Light on purpose (the viewer's first paint imports
 * it); running the rules is validate-call.ts.
 */
import type { EventVerdict, Finding, VerdictCounts } from './types';

export interface CallValidation {
  /** The plan's name, so a stored verdict says which plan it is about. */
  plan: string;
  /** The plan's id (Plan.id), when it has one. */
  planId?: string;
  events: EventVerdict[];
  counts: VerdictCounts;
}

/**
 * The event's findings with its passes spelled out as `pass` findings: the plan's rules first
 * (what failed, warned or informs, then what passed, each in plan order), the schema's last.
 */
export function allFindings(verdict: EventVerdict): Finding[] {
  const pass = (rule: string): Finding => ({
    rule,
    status: 'pass',
    message: rule === 'schema' ? 'xdm matches the schema' : 'passes',
  });
  const passed = verdict.passed ?? [];
  const isSchema = (f: { rule: string }) => f.rule === 'schema';
  return [
    ...verdict.findings.filter((f) => !isSchema(f)),
    ...passed.filter((rule) => rule !== 'schema').map(pass),
    ...verdict.findings.filter(isSchema),
    ...passed.filter((rule) => rule === 'schema').map(pass),
  ];
}

export function eventStatus(verdict: EventVerdict): 'pass' | 'fail' | 'warn' {
  if (verdict.findings.some((f) => f.status === 'fail')) return 'fail';
  if (verdict.findings.some((f) => f.status === 'warn')) return 'warn';
  return 'pass';
}

export function countVerdicts(events: readonly EventVerdict[]): VerdictCounts {
  const counts: VerdictCounts = { events: events.length, passed: 0, failed: 0, warned: 0 };
  for (const verdict of events) {
    const status = eventStatus(verdict);
    if (status === 'fail') counts.failed++;
    else if (status === 'warn') counts.warned++;
    else counts.passed++;
  }
  return counts;
}

export function addCounts(a: VerdictCounts, b: VerdictCounts): VerdictCounts {
  return {
    events: a.events + b.events,
    passed: a.passed + b.passed,
    failed: a.failed + b.failed,
    warned: a.warned + b.warned,
  };
}

/** Findings that are not a pass, of every event: what a person needs to read. */
export function problemsOf(validation: CallValidation): Array<Finding & { eventIndex: number }> {
  return validation.events.flatMap((verdict) =>
    verdict.findings
      .filter((f) => f.status !== 'pass')
      .map((f) => ({ ...f, eventIndex: verdict.eventIndex })),
  );
}
