/**
 * For unit tests: an in-memory stand-in for the IndexedDB store (the worker's real one needs a
 * browser). It keeps the records and bodies it is given, so `CaptureSession.withBodies` works and
 * a second session over the same store rehydrates what the first one wrote.
 */
import type { CapturedCall } from '../session/call';
import type { Store, Writes } from './store';

export function memoryStore(): Store {
  const bodies = new Map<string, string>();
  const calls = new Map<string, CapturedCall>();
  return {
    newest: (limit: number) =>
      Promise.resolve({
        calls: [...calls.values()].sort((a, b) => a.seq - b.seq).slice(-limit),
        pages: [],
      }),
    load: (belowSeq?: number) =>
      Promise.resolve({
        calls: [...calls.values()].filter((c) => belowSeq === undefined || c.seq < belowSeq),
        pages: [],
        meta: { pauses: [], evicted: {} },
      }),
    write: (writes: Writes) => {
      for (const id of writes.deleteCalls) calls.delete(id);
      for (const call of writes.calls) calls.set(call.id, structuredClone(call));
      for (const body of writes.bodies) bodies.set(body.key, body.text);
      return Promise.resolve();
    },
    body: (id: string, direction: string) => Promise.resolve(bodies.get(`${id}:${direction}`)),
    bodies: (ids: readonly string[], direction: string) =>
      Promise.resolve(new Map(ids.map((id) => [id, bodies.get(`${id}:${direction}`)]))),
  } as unknown as Store;
}
