/**
 * The text report (the command line's default format): the counts, then one line per failing or
 * warning finding; with the visit checks, their counts and one line per visit finding (what to
 * check next indented under it). Captured strings go to a terminal: control characters (escape sequences could
 * rewrite the screen) and bidirectional overrides are shown as \u escapes, never passed through.
 */
import { requestIdOf, type SessionVerdicts } from './session-verdicts';
import type { Finding } from './types';
import type { VisitResult } from './visit-results';

/** C0 and C1 controls, DEL, and the marks and overrides that reorder text (Trojan Source). */
function unsafe(code: number): boolean {
  return (
    code < 0x20 ||
    (code >= 0x7f && code <= 0x9f) ||
    code === 0x200e ||
    code === 0x200f ||
    (code >= 0x202a && code <= 0x202e) ||
    (code >= 0x2066 && code <= 0x2069)
  );
}

/** One line of terminal-safe text. */
export function plain(value: string): string {
  let out = '';
  for (const char of value) {
    const code = char.codePointAt(0) ?? 0;
    out += unsafe(code) ? `\\u${code.toString(16).padStart(4, '0')}` : char;
  }
  return out;
}

function findingLine(requestId: string, index: number, type: string | undefined, f: Finding) {
  const where = `${requestId}[${index}]${type ? ` ${type}` : ''}`;
  const detail = [
    f.expected === undefined ? '' : `expected ${f.expected}`,
    f.actual === undefined ? '' : `actual ${f.actual}`,
  ].filter(Boolean);
  const tail = detail.length ? ` (${detail.join(', ')})` : '';
  const path = f.path ? `${f.path}: ` : '';
  return plain(`${f.status.toUpperCase()} ${where} ${f.rule}: ${path}${f.message}${tail}`);
}

function visitLines(result: VisitResult): string[] {
  const where = result.requestIds.length ? ` ${result.requestIds[0]}` : '';
  return [
    plain(`${result.status.toUpperCase()}${where} ${result.rule}: ${result.explanation}`),
    plain(`  next: ${result.next}`),
  ];
}

function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

/**
 * The report over the plan's verdicts (none: the visit checks alone) and the visit's findings
 * (undefined: the visit checks did not run). `header` lines come after the plan's line.
 */
export function textReport(
  verdicts: SessionVerdicts | undefined,
  header: string[] = [],
  visit?: readonly VisitResult[],
): string {
  const lines = [
    verdicts ? `Plan: ${plain(verdicts.plan)}` : 'Plan: none (the visit checks only)',
    ...header.map(plain),
  ];
  if (verdicts) {
    const { events, passed, failed, warned } = verdicts.summary;
    lines.push(`Events: ${events}, passed: ${passed}, failed: ${failed}, warned: ${warned}`);
  }
  const visitFailed = visit?.filter((r) => r.status === 'fail').length ?? 0;
  if (visit)
    lines.push(
      `Visit checks: ${plural(visit.length, 'finding', 'findings')}, failed: ${visitFailed}, warned: ${visit.length - visitFailed}`,
    );
  const problems: string[] = [];
  for (const { call, validation } of verdicts?.calls ?? [])
    for (const event of validation.events)
      for (const finding of event.findings)
        if (finding.status === 'fail' || finding.status === 'warn')
          problems.push(findingLine(requestIdOf(call), event.eventIndex, event.eventType, finding));
  if (problems.length) lines.push('', ...problems);
  if (visit?.length) lines.push('', ...visit.flatMap(visitLines));
  lines.push('');
  if (verdicts) {
    const { events, failed } = verdicts.summary;
    lines.push(
      failed
        ? `${plural(failed, 'event', 'events')} failed.`
        : events
          ? 'No event failed.'
          : 'No events to validate.',
    );
  }
  if (visit)
    lines.push(
      visitFailed
        ? `${plural(visitFailed, 'visit finding', 'visit findings')} failed.`
        : 'No visit check failed.',
    );
  return `${lines.join('\n')}\n`;
}
