/**
 * The store limits as a user setting. Defaults are DEFAULT_CAPS; a user (or a test) may lower
 * or raise them within bounds that keep the extension inside IndexedDB quotas.
 */
import { DEFAULT_CAPS } from './call-table';
import type { Caps } from './call-table';

export const CAPS_KEY = 'storeCaps';

const BOUNDS: Record<keyof Caps, [number, number]> = {
  perTab: [10, 50_000],
  total: [10, 100_000],
  bytes: [1024 * 1024, 1024 * 1024 * 1024],
};

/** Reads a stored setting; anything missing, of the wrong type or out of bounds falls back. */
export function capsFrom(value: unknown): Caps {
  const caps: Caps = { ...DEFAULT_CAPS };
  if (typeof value !== 'object' || value === null) return caps;
  for (const key of Object.keys(BOUNDS) as Array<keyof Caps>) {
    const raw = (value as Record<string, unknown>)[key];
    const [min, max] = BOUNDS[key];
    if (typeof raw === 'number' && Number.isFinite(raw))
      caps[key] = Math.min(max, Math.max(min, Math.round(raw)));
  }
  return caps;
}
