/**
 * The in-memory table of calls with the join indexes (join-index.ts) that turn observations from
 * several sources into one record per call. Pure: the worker persists what `apply` returns.
 */
import { matchEdgeUrl } from '../edge/endpoint';
import { BODY_CAP } from './bodies';
import type { CapturedCall } from './call';
import { JoinIndex, joinKeyOf, joinedKeys } from './join-index';
import { mergeObservation, newCall, startOf } from './merge';
import type { MergeOutput } from './merge';
import { toObservation, type Observation } from './observation';

export { JOIN_WINDOW_MS, ownKey } from './join-index';

/**
 * Evicted and cleared calls remembered so that their late observations (the relay's bodies, a
 * completion) are dropped instead of bringing the call back as a new, newest call (which, for an
 * evicted one, would evict another). Late observations come within seconds; a few thousand cover
 * any burst.
 */
export const GHOSTS_KEPT = 2_000;

export interface Caps {
  /** Calls kept per tab. */
  perTab: number;
  /** Calls kept overall. */
  total: number;
  /** Approximate bytes kept overall (bodies plus a fixed overhead per record). */
  bytes: number;
}

/**
 * 10,000 calls is the scale the product promises; 5,000 per tab keeps one busy tab from evicting
 * every other tab; 200 MB stays far inside IndexedDB quotas with `unlimitedStorage`.
 */
export const DEFAULT_CAPS: Caps = { perTab: 5_000, total: 10_000, bytes: 200 * 1024 * 1024 };

/** Approximate bytes one record costs besides its bodies (headers, fields, indexes). */
export const RECORD_OVERHEAD = 2_048;

export interface Ids {
  newId(): string;
}

export interface ApplyResult extends MergeOutput {
  created: boolean;
}

export class CallTable {
  private readonly calls = new Map<string, CapturedCall>();
  private readonly live = new JoinIndex((id) => this.calls.get(id));
  /** Calls per tab and the newest call of each tab: the badge and status need them per batch. */
  private readonly tabCounts = new Map<number, number>();
  private readonly lastByTab = new Map<number, CapturedCall>();
  private maxSeq = 0;
  /** Forgotten calls (GHOSTS_KEPT at most, oldest first), indexed like the live ones. */
  private readonly ghosts = new Map<string, CapturedCall>();
  private readonly forgotten = new JoinIndex((id) => this.ghosts.get(id));
  private ghostCount = 0;
  /** True while the Map's insertion order is seq order (new calls get maxSeq + 1), so no sort. */
  private inOrder = true;

  constructor(private readonly ids: Ids) {}

  get size(): number {
    return this.calls.size;
  }

  get(id: string): CapturedCall | undefined {
    return this.calls.get(id);
  }

  /** Calls in seq order (oldest first). */
  all(): CapturedCall[] {
    const calls = [...this.calls.values()];
    return this.inOrder ? calls : calls.sort((a, b) => a.seq - b.seq);
  }

  /** How many calls a tab has (or all tabs, without an argument), without scanning. */
  count(tabId?: number): number {
    return tabId === undefined ? this.calls.size : (this.tabCounts.get(tabId) ?? 0);
  }

  /** The newest call of a tab. */
  last(tabId: number): CapturedCall | undefined {
    return this.lastByTab.get(tabId);
  }

  /** Loads a stored record (rehydration) or replaces one after a merge. */
  put(call: CapturedCall): void {
    const previous = this.calls.get(call.id);
    if (!previous && call.seq < this.maxSeq) this.inOrder = false;
    this.calls.set(call.id, call);
    this.maxSeq = Math.max(this.maxSeq, call.seq);
    this.live.add(call);
    if (!previous) {
      this.tabCounts.set(call.tabId, (this.tabCounts.get(call.tabId) ?? 0) + 1);
    } else if (previous.tabId !== call.tabId) {
      // A later source named the tab (a call first seen without one): move the count.
      this.tabCounts.set(previous.tabId, (this.tabCounts.get(previous.tabId) ?? 1) - 1);
      this.tabCounts.set(call.tabId, (this.tabCounts.get(call.tabId) ?? 0) + 1);
      if (this.lastByTab.get(previous.tabId)?.id === call.id) this.refreshLast(previous.tabId);
    }

    const last = this.lastByTab.get(call.tabId);
    if (!last || last.seq <= call.seq) this.lastByTab.set(call.tabId, call);
  }

  remove(id: string): CapturedCall | undefined {
    const call = this.calls.get(id);
    if (!call) return undefined;
    this.calls.delete(id);
    this.live.delete(call);
    const left = (this.tabCounts.get(call.tabId) ?? 1) - 1;
    if (left > 0) this.tabCounts.set(call.tabId, left);
    else this.tabCounts.delete(call.tabId);
    if (this.lastByTab.get(call.tabId)?.id === id) this.refreshLast(call.tabId);
    return call;
  }

  /**
   * Removes a call for good (evicted, or cleared by the user): its late observations, such as
   * the relay's bodies arriving after a Clear, are dropped rather than bringing it back.
   */
  forget(id: string): CapturedCall | undefined {
    const call = this.remove(id);
    if (call) this.remember(call);
    return call;
  }

  /** After the newest call of a tab left (clear): find the next newest. Rare, so a scan. */
  private refreshLast(tabId: number): void {
    let last: CapturedCall | undefined;
    for (const call of this.calls.values()) {
      if (call.tabId === tabId && (!last || call.seq > last.seq)) last = call;
    }
    if (last) this.lastByTab.set(tabId, last);
    else this.lastByTab.delete(tabId);
  }

  /** Which stored call `obs` belongs to, if any. */
  find(obs: Observation): CapturedCall | undefined {
    const endpoint = matchEdgeUrl(obs.url);
    return endpoint && this.live.find(obs, joinKeyOf(obs, endpoint), startOf(obs));
  }

  /**
   * Folds `obs` into its call, creating the call when none matches. Returns undefined when the
   * observation is not about an Edge call at all.
   */
  apply(input: Observation, pageId?: string): ApplyResult | undefined {
    // Page-side observations come off the wire: junk is refused here, never thrown on.
    const obs = toObservation(input);
    if (!obs) return undefined;
    const endpoint = matchEdgeUrl(obs.url);
    if (!endpoint) return undefined;
    const joinKey = joinKeyOf(obs, endpoint);
    const existing = this.live.find(obs, joinKey, startOf(obs));
    if (!existing && this.belongsToForgotten(obs, joinKey)) return undefined;
    const base = existing ?? newCall(obs, this.ids.newId(), this.maxSeq + 1, pageId, endpoint);
    if (!base) return undefined;
    const out = mergeObservation(base, obs);
    // A top-frame call can arrive (through webRequest) before its page does: the relay introduces
    // a page with its first calls, not at load. The call then went to the tab's latest page as a
    // guess. An observation naming the call's own document, now a known page (`pageId` is its
    // documentId only then), takes it home.
    // A call kept under no tab that now found its tab moves to that tab's page too.
    const homed = pageId === obs.documentId || (base.tabId < 0 && out.call.tabId >= 0);
    if (existing && pageId !== undefined && homed && base.pageId !== pageId)
      out.call = { ...out.call, pageId };
    this.put(out.call);

    return { ...out, created: !existing };
  }

  /** Whether `obs` is a late part of a forgotten call; if so, the ghost notes that it came. */
  private belongsToForgotten(obs: Observation, joinKey: string): boolean {
    const ghost = this.forgotten.find(obs, joinKey, startOf(obs));
    if (!ghost) return false;
    // A second observation of the same source is another attempt (a retry), not this call.
    ghost.keys = joinedKeys(ghost.keys, obs);
    this.forgotten.add(ghost);
    return true;
  }

  private remember(forgotten: CapturedCall): void {
    // A copy: its keys grow as late observations are recognised (belongsToForgotten). It gets an
    // id of its own, so that a call forgotten twice (cleared, restored by rehydration, evicted)
    // is remembered twice rather than once.
    const call = { ...forgotten, id: `ghost-${++this.ghostCount}` };
    this.ghosts.set(call.id, call);
    this.forgotten.add(call);
    if (this.ghosts.size <= GHOSTS_KEPT) return;
    const oldest = this.ghosts.values().next().value;
    if (!oldest) return;
    this.forgotten.delete(oldest);
    this.ghosts.delete(oldest.id);
  }

  /**
   * Oldest-first eviction down to the caps; returns the evicted calls, oldest first.
   * Each tab's excess goes first (it must go anyway); only then are the global caps applied, so a
   * call is never evicted for a total that the per-tab evictions already brought under the cap.
   */
  evict(caps: Caps, bytesOf: (call: CapturedCall) => number): CapturedCall[] {
    const ordered = this.all();
    const perTab = new Map<number, number>();
    for (const call of ordered) perTab.set(call.tabId, (perTab.get(call.tabId) ?? 0) + 1);
    let total = ordered.length;
    let bytes = ordered.reduce((sum, call) => sum + bytesOf(call), 0);
    const evicted = new Set<CapturedCall>();
    const drop = (call: CapturedCall) => {
      this.forget(call.id);
      evicted.add(call);
      perTab.set(call.tabId, (perTab.get(call.tabId) ?? 0) - 1);
      total--;
      bytes -= bytesOf(call);
    };
    for (const call of ordered) {
      if ((perTab.get(call.tabId) ?? 0) > caps.perTab) drop(call);
    }
    for (const call of ordered) {
      if (total <= caps.total && bytes <= caps.bytes) break;
      if (!evicted.has(call)) drop(call);
    }
    return ordered.filter((call) => evicted.has(call));
  }
}

/** Bytes a record costs in the store: its bodies as kept (at most BODY_CAP each) plus overhead. */
export function storedBytes(call: CapturedCall): number {
  const kept = (meta: CapturedCall['request']) =>
    meta.captured ? Math.min(meta.size ?? 0, BODY_CAP) : 0;
  return RECORD_OVERHEAD + kept(call.request) + kept(call.response);
}
