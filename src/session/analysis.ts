/**
 * The one home for call analysis: `analyzeCall` runs every analyser over a call and its bodies,
 * and the result is stored with the call (its analysis fields) under a new revision (`rev`).
 * The worker runs it in its write queue whenever a body, the status or the plan changes; import
 * runs the same function; list, badge, popup, CSV and reports read the stored result.
 *
 * Adding an analyser is adding one module that exports an `Analyser`, and one line in ANALYSERS.
 */
import { decodeCall, type DecodedCall } from '../edge/decode-call';
import { plainLines, visitorState, type VisitorState } from '../edge/plain-words';
import { eventTypesOf } from '../edge/request-summary';
import { callFacts } from '../edge/visit-facts';
import { digestResponse } from '../edge/response-digest';
import type { Plan } from '../validate/plan';
import { validateCall } from '../validate/validate-call';
import { isFailure, type CallAnalysis, type CapturedCall } from './call';

export type { CallAnalysis };

export interface AnalysisContext {
  plan?: Plan;
  /** The page the call was made from, for rules over `page`. */
  page?: { url?: string; title?: string };
}

export interface AnalysisInput {
  call: CapturedCall;
  requestText?: string;
  responseText?: string;
  /** The call decoded once for every analyser that reads the decoded form. */
  decoded(): DecodedCall;
}

export interface Analyser {
  id: string;
  /** The bodies it reads; `analyzeCall(…, only)` runs a subset (a plan change: validation). */
  needs: ReadonlyArray<'request' | 'response'>;
  run(input: AnalysisInput, context: AnalysisContext): CallAnalysis;
}

const requestFacts: Analyser = {
  id: 'request-facts',
  needs: ['request'],
  run: ({ requestText }) =>
    requestText === undefined ? {} : { eventTypes: eventTypesOf(requestText) },
};

const responseFacts: Analyser = {
  id: 'response-facts',
  needs: ['response'],
  run: ({ responseText }) => (responseText === undefined ? {} : digestResponse(responseText)),
};

const plainWords: Analyser = {
  id: 'plain-words',
  needs: ['request', 'response'],
  run: ({ call, decoded }) => {
    const view = decoded();
    return { plain: plainLines(view, isFailure(call)), visitor: visitorState([view]) };
  },
};

/** What the call says about the visit: identity, consent, routing, decisions, media. */
const visitFacts: Analyser = {
  id: 'visit-facts',
  needs: ['request', 'response'],
  run: ({ requestText, responseText, decoded }) =>
    requestText === undefined && responseText === undefined ? {} : { facts: callFacts(decoded()) },
};

const validation: Analyser = {
  id: 'validation',
  needs: ['request'],
  run: ({ call, requestText }, { plan, page }) =>
    plan
      ? {
          validation: validateCall(
            plan,
            { url: call.url, endpoint: call.endpoint, page },
            requestText,
          ),
        }
      : {},
};

export const ANALYSERS: readonly Analyser[] = [
  requestFacts,
  responseFacts,
  plainWords,
  visitFacts,
  validation,
];

/** A tab's visitor facts from its calls' stored analysis, in seq order (later calls win). */
export function tabVisitor(calls: readonly CapturedCall[]): VisitorState {
  const visitor: VisitorState = {};
  for (const call of [...calls].sort((a, b) => a.seq - b.seq)) {
    if (call.visitor?.consent) visitor.consent = call.visitor.consent;
    if (call.visitor?.ecid) visitor.ecid = call.visitor.ecid;
  }
  return visitor;
}

/** Every field an analyser may set, so that a stale one (a removed plan's verdicts) is cleared. */
const FIELDS: ReadonlyArray<keyof CallAnalysis> = [
  'eventTypes',
  'handleTypes',
  'eventHandleTypes',
  'errorCount',
  'warningCount',
  'plain',
  'visitor',
  'facts',
  'validation',
];

/** Runs the analysers (all, or those named in `only`) over one call. Pure. */
export function analyzeCall(
  call: CapturedCall,
  requestText: string | undefined,
  responseText: string | undefined,
  context: AnalysisContext = {},
  only?: readonly string[],
): CallAnalysis {
  let view: DecodedCall | undefined;
  const decoded = () =>
    (view ??= decodeCall({
      url: call.url,
      requestText,
      responseText,
      status: call.status,
      responseHeaders: call.responseHeaders,
    }));
  const input: AnalysisInput = { call, requestText, responseText, decoded };
  const result: CallAnalysis = {};
  for (const analyser of ANALYSERS) {
    if (only && !only.includes(analyser.id)) continue;
    Object.assign(result, analyser.run(input, context));
  }
  return result;
}

/** The fields each analyser owns, so a partial run replaces only what it derived. */
const OWNED: Record<string, ReadonlyArray<keyof CallAnalysis>> = {
  'request-facts': ['eventTypes'],
  'response-facts': ['handleTypes', 'eventHandleTypes', 'errorCount', 'warningCount'],
  'plain-words': ['plain', 'visitor'],
  'visit-facts': ['facts'],
  validation: ['validation'],
};

/**
 * The call with this analysis stored and its revision bumped. A field the run owned but did not
 * produce is removed (a removed plan leaves no verdicts behind); with `only`, other fields stay.
 */
export function withAnalysis(
  call: CapturedCall,
  analysis: CallAnalysis,
  only?: readonly string[],
): CapturedCall {
  const next: CapturedCall = { ...call, rev: (call.rev ?? 0) + 1 };
  const owned = only ? only.flatMap((id) => OWNED[id] ?? []) : FIELDS;
  for (const field of owned) {
    const value = analysis[field];
    if (value === undefined) delete next[field];
    else (next as unknown as Record<string, unknown>)[field] = value;
  }
  return next;
}
