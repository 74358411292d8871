/**
 * The verdicts as CSV, one row per finding (pass, fail, warn and info), for a spreadsheet: RFC 4180
 * quoting and CRLF line ends, and a cell a spreadsheet would run as a formula (starting with
 * = + - @, a tab or a CR) is prefixed with a quote: captured values are data, never formulas.
 * The visit's findings follow the plan's, in the same columns: the request id of the finding's
 * first call, no event, rule `visit:<check>`, the explanation as the message.
 */
import { csvCell } from './csv-cell';
import { requestIdOf, type SessionVerdicts } from './session-verdicts';
import { allFindings } from './verdicts';
import type { VisitResult } from './visit-results';

export { csvCell };

export const VERDICT_COLUMNS = [
  'requestId',
  'eventIndex',
  'eventType',
  'rule',
  'status',
  'path',
  'expected',
  'actual',
  'message',
] as const;

export function verdictsCsv(
  verdicts: SessionVerdicts | undefined,
  visit: readonly VisitResult[] = [],
): string {
  const lines = [VERDICT_COLUMNS.join(',')];
  for (const { call, validation } of verdicts?.calls ?? [])
    for (const event of validation.events)
      for (const finding of allFindings(event))
        lines.push(
          [
            requestIdOf(call),
            event.eventIndex,
            event.eventType,
            finding.rule,
            finding.status,
            finding.path,
            finding.expected,
            finding.actual,
            finding.message,
          ]
            .map(csvCell)
            .join(','),
        );
  for (const result of visit)
    lines.push(
      [
        result.requestIds[0],
        undefined,
        undefined,
        result.rule,
        result.status,
        undefined,
        undefined,
        undefined,
        result.explanation,
      ]
        .map(csvCell)
        .join(','),
    );
  return `${lines.join('\r\n')}\r\n`;
}
