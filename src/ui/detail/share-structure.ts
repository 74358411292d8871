/**
 * Structural sharing between two decodings of the same call: every part of `next` that is
 * deeply equal to the same part of `prev` is replaced by `prev`'s object.
 *
 * Why: the viewer decodes the selected call again whenever its record changes, and the page
 * hook's bodies can arrive a quarter of a second after the row (the relay coalesces). The JSON
 * trees keep their state (what is open, the selection, the focus) per value object, so an
 * unchanged request must keep its objects, or the tree under the user's cursor would reset.
 */

const MAX_DEPTH = 1_000;

function isPlain(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

export function shareStructure<T>(prev: unknown, next: T, depth = 0): T {
  if (Object.is(prev, next)) return prev as T;
  if (depth > MAX_DEPTH) return next;
  if (Array.isArray(prev) && Array.isArray(next)) {
    let same = prev.length === next.length;
    const out = next.map((item, i) => {
      const shared = shareStructure(prev[i], item, depth + 1);
      if (shared !== prev[i]) same = false;
      return shared;
    });
    return (same ? prev : out) as T;
  }
  if (isPlain(prev) && isPlain(next)) {
    const keys = Object.keys(next);
    let same = keys.length === Object.keys(prev).length;
    const out: Record<string, unknown> = Object.create(Object.getPrototypeOf(next) as object);
    for (const key of keys) {
      const had = Object.prototype.hasOwnProperty.call(prev, key);
      const shared = had ? shareStructure(prev[key], next[key], depth + 1) : next[key];
      if (!had || shared !== prev[key]) same = false;
      // defineProperty: a `__proto__` key off the wire is an ordinary key, not the prototype.
      Object.defineProperty(out, key, {
        value: shared,
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    return (same ? prev : out) as T;
  }
  return next;
}
