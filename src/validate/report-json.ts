/**
 * The JSON report (the command line's `--format json`, docs/tracking-plan.md): the plan's name,
 * the session's counts and one result per pass, fail or warn finding. Info findings (what the
 * schema asks but the Web SDK never sends) are left out; the schema's findings have rule `schema`.
 *
 * With the visit checks (visit-results.ts), the report gains `visit`, every visit finding whole
 * (title, explanation, next, the request ids of its calls), and each one also as a result in
 * `results`, after the plan's, with rule `visit:<check>`, the request id of its first call and
 * `eventIndex`, `eventType` and `path` null: a finding is about the visit, not about one event, so
 * a consumer that reads only `results` still sees every rule that failed. Without a plan, `plan`
 * is null and the counts are zero: no event was checked against one.
 */
import { sessionResults, type SessionResult, type SessionVerdicts } from './session-verdicts';
import type { VerdictCounts } from './types';
import type { VisitResult } from './visit-results';

/** A visit finding as one of `results`. */
export interface VisitSessionResult {
  requestId: string | null;
  eventIndex: null;
  eventType: null;
  rule: string;
  status: 'fail' | 'warn';
  path: null;
  message: string;
}

export interface JsonReport {
  plan: string | null;
  summary: VerdictCounts;
  results: Array<SessionResult | VisitSessionResult>;
  visit?: VisitResult[];
}

const NO_EVENTS: VerdictCounts = { events: 0, passed: 0, failed: 0, warned: 0 };

function visitResult(result: VisitResult): VisitSessionResult {
  return {
    requestId: result.requestIds[0] ?? null,
    eventIndex: null,
    eventType: null,
    rule: result.rule,
    status: result.status,
    path: null,
    message: result.explanation,
  };
}

/** The report; `visit` is left out when the visit checks did not run (undefined). */
export function jsonReportOf(
  verdicts: SessionVerdicts | undefined,
  visit?: readonly VisitResult[],
): JsonReport {
  const { events, passed, failed, warned } = verdicts?.summary ?? NO_EVENTS;
  return {
    plan: verdicts ? verdicts.plan : null,
    summary: { events, passed, failed, warned },
    results: [...(verdicts ? sessionResults(verdicts) : []), ...(visit ?? []).map(visitResult)],
    ...(visit ? { visit: [...visit] } : {}),
  };
}

/** The report as JSON text, two-space indented, with a final newline. */
export function jsonReport(
  verdicts: SessionVerdicts | undefined,
  visit?: readonly VisitResult[],
): string {
  return `${JSON.stringify(jsonReportOf(verdicts, visit), null, 2)}\n`;
}
