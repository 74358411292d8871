/**
 * The channel between the MAIN-world hook and the ISOLATED relay: a DOM CustomEvent carrying a
 * JSON string. DOM events are dispatched synchronously across worlds, so the relay has the
 * observation before the hook's call returns — which matters for the unload beacon, sent while
 * the document is going away (window.postMessage, being a task, was seen to lose it).
 * A string, because object `detail`s do not cross worlds reliably (Firefox's Xray wrappers).
 *
 * Pages can dispatch this event too: the relay treats everything as untrusted data, and the
 * worker takes tab and frame from the browser, so a page can at most describe calls in its frame.
 */
import { OBSERVATION_TEXT_CAP } from '../session/bodies';

export const HOOK_EVENT = 'aep-edge-inspector:hook-v1';

export function encodeObservation(observation: unknown): string | undefined {
  try {
    return JSON.stringify(observation);
  } catch {
    return undefined;
  }
}

/** The observation text inside a hook event, or undefined; the worker parses and checks it. */
export function hookEventText(event: Event): string | undefined {
  const detail = (event as CustomEvent<unknown>).detail;
  return typeof detail === 'string' && detail.length <= OBSERVATION_TEXT_CAP ? detail : undefined;
}
