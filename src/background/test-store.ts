/**
 * For unit tests: an in-memory stand-in for the IndexedDB store (the worker's real one needs a
 * browser). It keeps the bodies it is given, so `CaptureSession.withBodies` works.
 */
import type { Store, Writes } from './store';

export function memoryStore(): Store {
  const bodies = new Map<string, string>();
  return {
    load: () => Promise.resolve({ calls: [], pages: [], meta: { pauses: [], evicted: {} } }),
    write: (writes: Writes) => {
      for (const body of writes.bodies) bodies.set(body.key, body.text);
      return Promise.resolve();
    },
    body: (id: string, direction: string) => Promise.resolve(bodies.get(`${id}:${direction}`)),
    bodies: (ids: readonly string[], direction: string) =>
      Promise.resolve(new Map(ids.map((id) => [id, bodies.get(`${id}:${direction}`)]))),
  } as unknown as Store;
}
