/**
 * For unit tests: an in-memory `storage.session`/`storage.local` area (structured-cloned values,
 * like the browser's), which can be told to refuse writes.
 */
import type { LogArea } from './intake-log';

export function memoryArea(): LogArea & { items: Map<string, unknown>; refuse: boolean } {
  const items = new Map<string, unknown>();
  const area = {
    items,
    refuse: false,
    set(values: Record<string, unknown>) {
      if (area.refuse) return Promise.reject(new Error('QUOTA_BYTES quota exceeded'));
      for (const [key, value] of Object.entries(values)) items.set(key, structuredClone(value));
      return Promise.resolve();
    },
    get(keys: null | string[]) {
      const wanted = keys ?? [...items.keys()];
      return Promise.resolve(
        Object.fromEntries(wanted.filter((k) => items.has(k)).map((k) => [k, items.get(k)])),
      );
    },
    remove(keys: string | string[]) {
      for (const key of typeof keys === 'string' ? [keys] : keys) items.delete(key);
      return Promise.resolve();
    },
  };
  return area;
}
