/**
 * The JSON report (the command line's `--format json`, docs/tracking-plan.md): the plan's name,
 * the session's counts and one result per pass, fail or warn finding. Info findings (what the
 * schema asks but the Web SDK never sends) are left out; the schema's findings have rule `schema`.
 */
import { sessionResults, type SessionResult, type SessionVerdicts } from './session-verdicts';
import type { VerdictCounts } from './types';

export interface JsonReport {
  plan: string;
  summary: VerdictCounts;
  results: SessionResult[];
}

export function jsonReportOf(verdicts: SessionVerdicts): JsonReport {
  const { events, passed, failed, warned } = verdicts.summary;
  return {
    plan: verdicts.plan,
    summary: { events, passed, failed, warned },
    results: sessionResults(verdicts),
  };
}

/** The report as JSON text, two-space indented, with a final newline. */
export function jsonReport(verdicts: SessionVerdicts): string {
  return `${JSON.stringify(jsonReportOf(verdicts), null, 2)}\n`;
}
