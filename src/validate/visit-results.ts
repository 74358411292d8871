/**
 * The visit's findings (visit-checks.ts) as the reports and the command line give them: each
 * names its calls by the request id a person finds in the browser and in Assurance, not by the
 * tool's own call id, and its page by URL or title. Pure.
 */
import type { EdgeEndpoint } from '../edge/endpoint';
import type { CallPage } from './session-verdicts';
import { buildVisit } from './visit';
import type { VisitCall, VisitOptions, VisitPage } from './visit-types';
import { visitFindings, type VisitCheckId, type VisitFinding } from './visit-checks';

export interface VisitResult {
  /** `visit:<check>`. */
  rule: string;
  check: VisitCheckId;
  status: 'warn' | 'fail';
  title: string;
  explanation: string;
  next: string;
  /** The request ids of the calls involved, first the one the finding is about. */
  requestIds: string[];
  page?: CallPage;
}

/** Builds the visit of these calls and pages and runs every built-in check over it. */
export function checkVisit(
  calls: readonly VisitCall[],
  pages: readonly VisitPage[],
  options: VisitOptions = {},
): VisitFinding[] {
  return visitFindings(buildVisit(calls, pages, options), calls);
}

/** Each finding with its calls' request ids (the URL's requestId, else the call's id). */
export function visitResults(
  findings: readonly VisitFinding[],
  calls: ReadonlyArray<{ id: string; endpoint: EdgeEndpoint }>,
  pages: ReadonlyArray<{ id: string; url: string; title?: string }> = [],
): VisitResult[] {
  const requestIds = new Map(calls.map((call) => [call.id, call.endpoint.requestId ?? call.id]));
  const byId = new Map(pages.map((page) => [page.id, page]));
  return findings.map((finding) => {
    const visit = finding.pageId === undefined ? undefined : byId.get(finding.pageId);
    const page: CallPage = {};
    // An imported Playwright HAR knows a page by its title only, which import puts in `url` too.
    if (visit && /^[a-z][a-z0-9+.-]*:/i.test(visit.url)) page.url = visit.url;
    if (visit?.title) page.title = visit.title;
    return {
      rule: finding.rule,
      check: finding.check,
      status: finding.status,
      title: finding.title,
      explanation: finding.explanation,
      next: finding.next,
      requestIds: finding.callIds.map((id) => requestIds.get(id) ?? id),
      ...(page.url !== undefined || page.title !== undefined ? { page } : {}),
    };
  });
}

/** True when a finding fails (the command line exits 1); warnings do not. */
export function visitFailed(results: ReadonlyArray<{ status: string }>): boolean {
  return results.some((result) => result.status === 'fail');
}
