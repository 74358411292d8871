/**
 * The extension API for the UI's pages, without webextension-polyfill. MV3 Chromium's `chrome.*`
 * and Firefox's `browser.*` both return promises for everything the pages use (runtime.connect
 * and sendMessage, storage.local, tabs), as the relay already relies on (capture/relay.ts). The
 * polyfill's module cost the viewer's cold open about 10 ms (its set-up, and the copy of its
 * namespace in every chunk that imported it; BENCHMARKS.md, "The cold open (stop 17)").
 * Only the types come from the polyfill.
 */
import type { Browser } from 'webextension-polyfill';

/** Read when called, not at import: unit tests import the pages' modules without either. */
export function extApi(): Browser {
  const scope = globalThis as { browser?: unknown; chrome?: unknown };
  return (scope.browser ?? scope.chrome) as Browser;
}
