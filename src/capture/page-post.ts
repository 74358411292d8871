/**
 * How the MAIN-world hook speaks to the ISOLATED relay: each observation as JSON text in a
 * CustomEvent on the document, dispatched with the originals captured at document_start (the page
 * may replace `dispatchEvent` or `CustomEvent` later; it sees no difference either way).
 */
import { HOOK_EVENT, encodeObservation } from '../session/observation';

const dispatch = EventTarget.prototype.dispatchEvent;
const CustomEventCtor = CustomEvent;

/** This document's token in the hook's and the monitors' own ids. */
export const frameToken = Math.random().toString(36).slice(2, 10);

export function post(observation: Record<string, unknown>): void {
  const detail = encodeObservation(observation);
  if (detail === undefined) return;
  try {
    dispatch.call(document, new CustomEventCtor(HOOK_EVENT, { detail }));
  } catch {
    // Nothing here may ever break the page.
  }
}

export function absolute(url: string): string {
  try {
    return new URL(url, location.href).href;
  } catch {
    return url;
  }
}
