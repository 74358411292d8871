/**
 * A call's validation: every event's verdict against the plan, and the counts the list, the
 * status bar, the popup and the reports show.
 */
import type { EventVerdict, Finding, VerdictCounts } from './types';
import { validateEvent } from './rules';
import type { Plan } from './plan';
import { validationEvents, type EventSource } from './events';

export interface CallValidation {
  /** The plan's name, so a stored verdict says which plan it is about. */
  plan: string;
  events: EventVerdict[];
  counts: VerdictCounts;
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

export function validateCall(
  plan: Plan,
  source: EventSource,
  requestText: string | undefined,
): CallValidation {
  const events = validationEvents(source, requestText).map((event, index) =>
    validateEvent(plan, event, index),
  );
  return { plan: plan.name, events, counts: countVerdicts(events) };
}

/** Findings that are not a pass, of every event: what a person needs to read. */
export function problemsOf(validation: CallValidation): Array<Finding & { eventIndex: number }> {
  return validation.events.flatMap((verdict) =>
    verdict.findings
      .filter((f) => f.status !== 'pass')
      .map((f) => ({ ...f, eventIndex: verdict.eventIndex })),
  );
}
