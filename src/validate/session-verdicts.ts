/**
 * A whole session against one plan: every call's validation with the page it was made from, the
 * session's counts, and the flat list of results the JSON report and the command line give.
 * Pure. Validation sits below the session layer (docs/architecture.md, Layers), so the calls are
 * described here by the fields it reads; src/session's CallWithBodies and PageVisit fit them.
 */
import type { EdgeEndpoint } from '../edge/endpoint';
import type { Plan } from './plan';
import type { Finding, VerdictCounts } from './types';
import { validateCall } from './validate-call';
import { addCounts, allFindings, type CallValidation } from './verdicts';

/** The fields of a captured call that validation and the reports read. */
export interface CapturedCall {
  id: string;
  url: string;
  method: string;
  startedAt: number;
  endpoint: EdgeEndpoint;
  pageId?: string;
  documentUrl?: string;
  status?: number;
}

/** A call with its request body, as a session file or the store gives it. */
export interface CallWithBodies {
  call: CapturedCall;
  requestBody?: string;
}

/** A page visit: the page a call was made from. */
export interface PageVisit {
  id: string;
  url: string;
  title?: string;
}

/** The page a call was made from, as the events and the reports show it. */
export interface CallPage {
  url?: string;
  title?: string;
}

export interface CallVerdicts {
  call: CapturedCall;
  page?: CallPage;
  validation: CallValidation;
}

export interface SessionVerdicts {
  /** The plan's name. */
  plan: string;
  summary: VerdictCounts;
  /** Every call, in the order given (calls without events validate nothing and count nothing). */
  calls: CallVerdicts[];
}

/** One finding of one event, flat: the JSON report's `results` (info findings are left out). */
export interface SessionResult {
  requestId: string;
  eventIndex: number;
  eventType: string | null;
  /** The plan rule's id, or `schema` for the XDM schema. */
  rule: string;
  status: 'pass' | 'fail' | 'warn';
  path: string | null;
  message: string;
}

/** The id a person finds in the browser and in Assurance: the URL's requestId, else ours. */
export function requestIdOf(call: CapturedCall): string {
  return call.endpoint.requestId ?? call.id;
}

/** The call's page: the visit it belongs to, else the document URL the capture saw. */
export function pageOf(
  call: CapturedCall,
  pages: { get(id: string): PageVisit | undefined },
): CallPage | undefined {
  const visit = call.pageId === undefined ? undefined : pages.get(call.pageId);
  if (visit) {
    const page: CallPage = {};
    // Imported HARs may know a page by title only (Playwright's), which the import puts in `url`
    // too: a URL is only what has a scheme; the title is the title.
    if (/^[a-z][a-z0-9+.-]*:/i.test(visit.url)) page.url = visit.url;
    if (visit.title) page.title = visit.title;
    if (page.url === undefined && call.documentUrl) page.url = call.documentUrl;
    if (page.url !== undefined || page.title !== undefined) return page;
  }
  return call.documentUrl ? { url: call.documentUrl } : undefined;
}

const NO_EVENTS: VerdictCounts = { events: 0, passed: 0, failed: 0, warned: 0 };

export function validateSession(
  plan: Plan,
  calls: readonly CallWithBodies[],
  pages: readonly PageVisit[],
): SessionVerdicts {
  const visits = new Map(pages.map((visit) => [visit.id, visit]));
  let summary = NO_EVENTS;
  const out: CallVerdicts[] = calls.map(({ call, requestBody }) => {
    const page = pageOf(call, visits);
    const source = { url: call.url, endpoint: call.endpoint, ...(page ? { page } : {}) };
    const validation = validateCall(plan, source, requestBody);
    summary = addCounts(summary, validation.counts);
    return { call, ...(page ? { page } : {}), validation };
  });
  return { plan: plan.name, summary, calls: out };
}

/**
 * A session's verdicts as they were stored with its calls (the viewer's export: live calls were
 * validated by the worker, imported ones by the viewer). Undefined when no call carries any.
 */
export function storedVerdicts(
  calls: ReadonlyArray<{ call: CapturedCall & { validation?: CallValidation } }>,
  pages: readonly PageVisit[],
): SessionVerdicts | undefined {
  const visits = new Map(pages.map((visit) => [visit.id, visit]));
  let summary = NO_EVENTS;
  let plan: string | undefined;
  const out: CallVerdicts[] = [];
  for (const { call } of calls) {
    const validation = call.validation;
    if (!validation) continue;
    plan ??= validation.plan;
    summary = addCounts(summary, validation.counts);
    const page = pageOf(call, visits);
    out.push({ call, ...(page ? { page } : {}), validation });
  }
  return plan === undefined ? undefined : { plan, summary, calls: out };
}

function reported(finding: Finding): finding is Finding & { status: SessionResult['status'] } {
  return finding.status !== 'info';
}

/** Every pass, fail and warn finding of every event, in call, event and finding order. */
export function sessionResults(verdicts: SessionVerdicts): SessionResult[] {
  return verdicts.calls.flatMap(({ call, validation }) =>
    validation.events.flatMap((event) =>
      allFindings(event)
        .filter(reported)
        .map((finding) => ({
          requestId: requestIdOf(call),
          eventIndex: event.eventIndex,
          eventType: event.eventType ?? null,
          rule: finding.rule,
          status: finding.status,
          path: finding.path || null,
          message: finding.message,
        })),
    ),
  );
}
