/**
 * Did the calls after this one use the region Edge hinted at (`locationHint:result`)? Compared
 * with the later calls of the same tab, from the list the viewer already has: no bodies needed,
 * the region is in each call's URL.
 */
import { actionLabel } from '../../edge/endpoint';
import { locationHintUsage, type LocationHint } from '../../edge/location-hint';
import type { CapturedCall } from '../../session/call';

/** How many later calls are compared (the first ones matter; the hint has a TTL anyway). */
export const LATER_CALLS = 50;

/** The calls of the same tab after `call`, in order, at most LATER_CALLS. */
export function laterCallsOf(
  calls: readonly CapturedCall[],
  call: Pick<CapturedCall, 'id' | 'seq' | 'tabId'>,
): CapturedCall[] {
  const later: CapturedCall[] = [];
  for (const other of calls) {
    if (other.seq > call.seq && other.tabId === call.tabId && other.id !== call.id) {
      later.push(other);
      if (later.length >= LATER_CALLS) break;
    }
  }
  return later;
}

export function hintUsageLines(
  hints: readonly LocationHint[],
  later: readonly Pick<CapturedCall, 'endpoint'>[],
): string[] {
  const first = later[0];
  if (!first) return ['No later call from this tab yet to compare with.'];
  const usages = later.map((call) => locationHintUsage(hints, call.endpoint.region));
  if (usages[0]?.verdict === 'no-hint') return [usages[0].text];
  const count = (verdict: string) => usages.filter((u) => u.verdict === verdict).length;
  const used = count('used');
  const other = count('other-region');
  const unpinned = count('no-region');
  const parts = [`${used} used the hint`];
  if (other) parts.push(`${other} went to another region`);
  if (unpinned) parts.push(`${unpinned} were not region-pinned`);
  const n = later.length;
  return [
    `Later calls from this tab: ${n === 1 ? '1 call' : `${n} calls`}; ${parts.join(', ')}.`,
    `Next call (${actionLabel(first.endpoint)}): ${usages[0]?.text ?? ''}`,
  ];
}
