/**
 * The IndexedDB store's names, shared by the worker that owns it (background/store.ts) and the
 * viewer page, which reads the newest calls itself on a cold open (ui/store-preview.ts): both
 * are extension pages of one origin, so they see the same database.
 */
import type { CapturedCall, PageVisit } from '../session/call';
import { inScope, type Scope } from './protocol';

export const STORE_DB = 'aep-edge-inspector';
/** Version 2 added the `seq` index on calls. */
export const STORE_VERSION = 2;
export const SEQ_INDEX = 'seq';

/**
 * How many of the newest calls are read first, for a viewer's first rows: a screenful or three.
 * 500 took 40–50 ms to read and about 1 MB to send through the port, and the viewer's first rows
 * waited 70–100 ms after the worker for them; 100 take 15–20 ms.
 */
export const PREVIEW_CALLS = 100;

export interface Newest {
  calls: CapturedCall[];
  pages: PageVisit[];
}

/** The newest calls that are in `scope`, and the pages of those calls. */
export function previewIn(scope: Scope, newest: Newest): Newest {
  const calls = newest.calls.filter((call) => inScope(scope, call.tabId));
  const pageIds = new Set(calls.map((call) => call.pageId));
  return { calls, pages: newest.pages.filter((page) => pageIds.has(page.id)) };
}
