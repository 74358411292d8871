/**
 * Runs before the viewer's own bundle (a classic script, outside Vite's module graph) and wakes
 * the worker at once: a cold open then overlaps the worker's start and its read of the store
 * (several hundred milliseconds with 10,000 calls) with the page's loading of its own code,
 * instead of starting them only when the viewer connects (BENCHMARKS.md, "the viewer over 10,000
 * calls"). Any message starts the worker; this one means nothing more.
 */
(globalThis.browser ?? globalThis.chrome)?.runtime
  ?.sendMessage({ type: 'wake', payload: {} })
  ?.catch(() => undefined);
