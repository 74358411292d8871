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
export const HOOK_EVENT = 'aep-edge-inspector:hook-v1';

export function encodeObservation(observation: unknown): string | undefined {
  try {
    return JSON.stringify(observation);
  } catch {
    return undefined;
  }
}

/** The observation inside a hook event, or undefined for anything else. */
export function decodeHookEvent(event: Event): unknown {
  const detail = (event as CustomEvent<unknown>).detail;
  if (typeof detail !== 'string') return undefined;
  try {
    const value: unknown = JSON.parse(detail);
    return typeof value === 'object' && value !== null ? value : undefined;
  } catch {
    return undefined;
  }
}
