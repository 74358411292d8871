/**
 * The worker's side of the analysis home (session/analysis.ts): which bodies an analysis reads,
 * and that a call is never lost because an analyser threw. CaptureSession runs these in its write
 * queue, after a merge and when the plan changes.
 */
import { analyzeCall, withAnalysis, type AnalysisContext } from '../session/analysis';
import type { CapturedCall } from '../session/call';
import type { Plan } from '../validate/plan';
import type { Store } from './store';

/** A call's body texts written in the current batch (not committed yet, so not in the store). */
export interface BatchTexts {
  request?: string;
  response?: string;
}

/**
 * The call with its analysis stored; if an analyser throws (it must not: decoders and the engine
 * are total, but a call is never lost for one), the call is kept as it was, counted as changed.
 */
function safelyAnalysed(
  call: CapturedCall,
  analyse: () => ReturnType<typeof analyzeCall>,
  only?: readonly string[],
): CapturedCall {
  try {
    return withAnalysis(call, analyse(), only);
  } catch (error) {
    console.error('[aep-edge-inspector] analysis failed', error);
    return { ...call, rev: (call.rev ?? 0) + 1 };
  }
}

/**
 * Every analyser over the call, after a merge. Bodies come from `batch`, else from the store;
 * the record says whether a text exists, so a body not captured (yet) costs no store read, which
 * is most analyses of a call in flight.
 */
export async function analysedCall(
  call: CapturedCall,
  batch: BatchTexts,
  store: Store,
  context: AnalysisContext,
): Promise<CapturedCall> {
  const text = (direction: 'request' | 'response') => {
    if (batch[direction] !== undefined) return batch[direction];
    const meta = call[direction];
    return meta.captured && !meta.implied ? store.body(call.id, direction) : undefined;
  };
  const [requestText, responseText] = await Promise.all([text('request'), text('response')]);
  return safelyAnalysed(call, () => analyzeCall(call, requestText, responseText, context));
}

/** The call validated again (a plan change): the validation analyser over the request text. */
export function revalidatedCall(
  call: CapturedCall,
  requestText: string | undefined,
  context: AnalysisContext,
): CapturedCall {
  return safelyAnalysed(
    call,
    () => analyzeCall(call, requestText, undefined, context, ['validation']),
    ['validation'],
  );
}

/**
 * Whether `plan` (or no plan) has yet to judge this call: a verdict names its plan's id, so a
 * worker that wakes with the same plan in force has nothing to do.
 */
export function awaitsVerdict(call: CapturedCall, plan: Plan | undefined): boolean {
  if (!plan) return call.validation !== undefined;
  return call.validation?.planId === undefined || call.validation.planId !== plan.id;
}
