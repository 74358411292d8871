/**
 * The text report (the command line's default format): the counts, then one line per failing or
 * warning finding. Captured strings go to a terminal: control characters (escape sequences could
 * rewrite the screen) and bidirectional overrides are shown as \u escapes, never passed through.
 */
import { requestIdOf, type SessionVerdicts } from './session-verdicts';
import type { Finding } from './types';

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

export function textReport(verdicts: SessionVerdicts, header: string[] = []): string {
  const { events, passed, failed, warned } = verdicts.summary;
  const lines = [
    `Plan: ${plain(verdicts.plan)}`,
    ...header.map(plain),
    `Events: ${events}, passed: ${passed}, failed: ${failed}, warned: ${warned}`,
  ];
  const problems: string[] = [];
  for (const { call, validation } of verdicts.calls)
    for (const event of validation.events)
      for (const finding of event.findings)
        if (finding.status === 'fail' || finding.status === 'warn')
          problems.push(findingLine(requestIdOf(call), event.eventIndex, event.eventType, finding));
  if (problems.length) lines.push('', ...problems);
  lines.push(
    '',
    failed
      ? `${failed} event${failed === 1 ? '' : 's'} failed.`
      : events
        ? 'No event failed.'
        : 'No events to validate.',
  );
  return `${lines.join('\n')}\n`;
}
