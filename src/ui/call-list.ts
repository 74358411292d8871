/** Pure operations on the `seq`-ordered call list the viewer model keeps. */
import type { CapturedCall } from '../session/call';

/** Index of the call with this `seq` in a `seq`-ordered list, or -1. */
export function indexOfSeq(calls: readonly CapturedCall[], seq: number): number {
  let low = 0;
  let high = calls.length - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    const midSeq = calls[mid]?.seq ?? 0;
    if (midSeq === seq) return mid;
    if (midSeq < seq) low = mid + 1;
    else high = mid - 1;
  }
  return -1;
}

/**
 * Returns a new list with `incoming` merged in by id (a later version replaces the earlier one),
 * still ordered by `seq`. `seq` is stable for a record's life, so an update is found by binary
 * search; new calls usually have the highest `seq` and are appended without a sort.
 */
export function upsertCalls(
  current: readonly CapturedCall[],
  incoming: Iterable<CapturedCall>,
): CapturedCall[] {
  const next = current.slice();
  const added = new Map<string, CapturedCall>();
  for (const call of incoming) {
    const at = indexOfSeq(next, call.seq);
    if (at >= 0 && next[at]?.id === call.id) next[at] = call;
    else added.set(call.id, call);
  }
  if (added.size === 0) return next;
  // Defensive: a record that came back under another seq must not show twice.
  const stale = next.some((call) => added.has(call.id));
  const base = stale ? next.filter((call) => !added.has(call.id)) : next;
  let sorted = !stale;
  for (const call of added.values()) {
    const last = base[base.length - 1];
    if (last && last.seq >= call.seq) sorted = false;
    base.push(call);
  }
  if (!sorted) base.sort((a, b) => a.seq - b.seq);
  return base;
}

/** Deduplicates by id (the last version wins) and orders by `seq`: for whole snapshots. */
export function orderCalls(calls: Iterable<CapturedCall>): CapturedCall[] {
  const byId = new Map<string, CapturedCall>();
  for (const call of calls) byId.set(call.id, call);
  return [...byId.values()].sort((a, b) => a.seq - b.seq);
}
