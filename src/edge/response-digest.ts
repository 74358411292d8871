/**
 * The few facts the call list shows about a response, derived once when its body arrives (in the
 * worker, see session/merge.ts) so the list never decodes bodies: the handle types returned, per
 * event and overall, and the error and warning counts. Pure and total.
 */
import { distinct } from './call-summary';
import { decodeResponse } from './decode-response';

export interface EventHandleTypes {
  eventIndex: number;
  handleTypes: string[];
}

export interface ResponseDigest {
  /** Distinct handle types in body order; `(no type)` for a handle without one. */
  handleTypes: string[];
  /** Distinct handle types per `eventIndex`, ascending; request-level handles are not here. */
  eventHandleTypes: EventHandleTypes[];
  /** A fatal problem body counts as one error, plus every `errors[]` entry. */
  errorCount: number;
  warningCount: number;
}

/** Digests a response body text. Without a status: a failing status alone is not an error here. */
export function digestResponse(text: string): ResponseDigest {
  const response = decodeResponse({ text });
  const typeOf = (type: string | undefined) => type ?? '(no type)';
  return {
    handleTypes: distinct(response.handles.map((h) => typeOf(h.type))),
    eventHandleTypes: response.groups.flatMap((group) =>
      group.eventIndex === undefined
        ? []
        : [
            {
              eventIndex: group.eventIndex,
              handleTypes: distinct(group.handles.map((h) => typeOf(h.type))),
            },
          ],
    ),
    errorCount: (response.problem ? 1 : 0) + response.errors.length,
    warningCount: response.warnings.length,
  };
}
