/**
 * The in-memory table of calls with the join indexes that turn observations from several
 * sources into one record per call. Pure: the worker persists what `apply` returns.
 *
 * Joining (issue: "join on the URL's requestId, then URL and time"):
 * 1. a source's own unique key (webRequest id, page-hook attempt id, monitor id) finds its call;
 * 2. else the calls of the same tab with the same URL `requestId` (or, without one, the same
 *    URL) started within JOIN_WINDOW_MS, that this source has not joined yet, oldest first.
 *    The Web SDK retries 429/5xx with the same URL, so one requestId can have several calls;
 *    each attempt is a separate network request and so a separate record.
 */
import { BODY_CAP } from './bodies';
import type { CallKeys, CapturedCall } from './call';
import { mergeObservation, newCall, toObservation } from './merge';
import type { MergeOutput } from './merge';
import type { Observation } from './observation';

export const JOIN_WINDOW_MS = 120_000;
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

function joinKey(call: Pick<CapturedCall, 'tabId' | 'url' | 'endpoint'>): string {
  return `${call.tabId}|${call.endpoint.requestId ?? call.url}`;
}

/** The call's keys once `obs`'s source has joined it. */
function joinedKeys(keys: CallKeys, obs: Observation): CallKeys {
  switch (obs.source) {
    case 'webRequest':
      return { ...keys, webRequestId: obs.webRequestId };
    case 'page-hook':
      return { ...keys, hookId: obs.hookId };
    case 'alloy-monitor':
      return { ...keys, monitorId: obs.monitorId };
    case 'devtools':
      return { ...keys, devtools: true };
  }
}

function hasJoined(call: CapturedCall, obs: Observation): boolean {
  switch (obs.source) {
    case 'webRequest':
      return call.keys.webRequestId !== undefined;
    case 'page-hook':
      return call.keys.hookId !== undefined;
    case 'alloy-monitor':
      return call.keys.monitorId !== undefined;
    case 'devtools':
      return call.keys.devtools === true;
  }
}

export function ownKey(obs: Observation): string | undefined {
  switch (obs.source) {
    case 'webRequest':
      return `wr:${obs.webRequestId}`;
    case 'page-hook':
      return `hook:${obs.hookId}`;
    case 'alloy-monitor':
      return `mon:${obs.monitorId}`;
    case 'devtools':
      return undefined;
  }
}

function ownKeysOf(call: CapturedCall): string[] {
  const keys: string[] = [];
  if (call.keys.webRequestId) keys.push(`wr:${call.keys.webRequestId}`);
  if (call.keys.hookId) keys.push(`hook:${call.keys.hookId}`);
  if (call.keys.monitorId) keys.push(`mon:${call.keys.monitorId}`);
  return keys;
}

export class CallTable {
  private readonly calls = new Map<string, CapturedCall>();
  private readonly byOwnKey = new Map<string, string>();
  private readonly byJoinKey = new Map<string, string[]>();
  /** Calls per tab and the newest call of each tab: the badge and status need them per batch. */
  private readonly tabCounts = new Map<number, number>();
  private readonly lastByTab = new Map<number, CapturedCall>();
  private maxSeq = 0;
  /** Forgotten calls (GHOSTS_KEPT at most, oldest first), indexed like the live ones. */
  private readonly ghosts: CapturedCall[] = [];
  /** Own keys of ghosts, counted: retries share a monitor id. */
  private readonly ghostByOwnKey = new Map<string, number>();
  private readonly ghostsByJoinKey = new Map<string, CapturedCall[]>();
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
    for (const key of ownKeysOf(call)) this.byOwnKey.set(key, call.id);
    if (!previous) {
      const key = joinKey(call);
      const list = this.byJoinKey.get(key) ?? [];
      list.push(call.id);
      this.byJoinKey.set(key, list);
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
    for (const key of ownKeysOf(call)) this.byOwnKey.delete(key);
    const left = (this.tabCounts.get(call.tabId) ?? 1) - 1;
    if (left > 0) this.tabCounts.set(call.tabId, left);
    else this.tabCounts.delete(call.tabId);
    if (this.lastByTab.get(call.tabId)?.id === id) this.refreshLast(call.tabId);

    const key = joinKey(call);
    const rest = (this.byJoinKey.get(key) ?? []).filter((other) => other !== id);
    if (rest.length) this.byJoinKey.set(key, rest);
    else this.byJoinKey.delete(key);
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
    const own = ownKey(obs);
    const byOwn = own ? this.byOwnKey.get(own) : undefined;
    if (byOwn) return this.calls.get(byOwn);
    const probe = newCall(obs, '', 0);
    if (!probe) return undefined;
    const candidates = (this.byJoinKey.get(joinKey(probe)) ?? [])
      .map((id) => this.calls.get(id))
      .filter(
        (c): c is CapturedCall =>
          c !== undefined && Math.abs(c.startedAt - probe.startedAt) <= JOIN_WINDOW_MS,
      );
    return candidates.find((c) => !hasJoined(c, obs));
  }

  /**
   * Folds `obs` into its call, creating the call when none matches. Returns undefined when the
   * observation is not about an Edge call at all.
   */
  apply(input: Observation, pageId?: string): ApplyResult | undefined {
    // Page-side observations come off the wire: junk is refused here, never thrown on.
    const obs = toObservation(input);
    if (!obs) return undefined;
    const existing = this.find(obs);
    if (!existing && this.belongsToForgotten(obs)) return undefined;
    const base = existing ?? newCall(obs, this.ids.newId(), this.maxSeq + 1, pageId);
    if (!base) return undefined;
    const out = mergeObservation(base, obs);
    // A top-frame call can arrive (through webRequest) before its page does: the relay introduces
    // a page with its first calls, not at load. The call then went to the tab's latest page as a
    // guess. An observation naming the call's own document, now a known page (`pageId` is its
    // documentId only then), takes it home.
    if (existing && pageId !== undefined && pageId === obs.documentId && base.pageId !== pageId)
      out.call = { ...out.call, pageId };
    this.put(out.call);

    return { ...out, created: !existing };
  }

  /** Whether `obs` is a late part of a forgotten call; if so, the ghost notes that it came. */
  private belongsToForgotten(obs: Observation): boolean {
    const own = ownKey(obs);
    if (own && this.ghostByOwnKey.has(own)) return true;
    const probe = newCall(obs, '', 0);
    if (!probe) return false;
    const ghost = (this.ghostsByJoinKey.get(joinKey(probe)) ?? []).find(
      (g) => Math.abs(g.startedAt - probe.startedAt) <= JOIN_WINDOW_MS && !hasJoined(g, obs),
    );
    if (!ghost) return false;
    // A second observation of the same source is another attempt (a retry), not this call.
    ghost.keys = joinedKeys(ghost.keys, obs);
    if (own) this.countGhostKey(own, 1);
    return true;
  }

  private countGhostKey(key: string, delta: number): void {
    const count = (this.ghostByOwnKey.get(key) ?? 0) + delta;
    if (count > 0) this.ghostByOwnKey.set(key, count);
    else this.ghostByOwnKey.delete(key);
  }

  private remember(forgotten: CapturedCall): void {
    // A copy: its keys grow as late observations are recognised (belongsToForgotten).
    const call = { ...forgotten };
    this.ghosts.push(call);
    for (const own of ownKeysOf(call)) this.countGhostKey(own, 1);
    const key = joinKey(call);
    this.ghostsByJoinKey.set(key, [...(this.ghostsByJoinKey.get(key) ?? []), call]);
    if (this.ghosts.length <= GHOSTS_KEPT) return;
    const oldest = this.ghosts.shift();
    if (!oldest) return;
    for (const own of ownKeysOf(oldest)) this.countGhostKey(own, -1);
    const oldKey = joinKey(oldest);
    const rest = (this.ghostsByJoinKey.get(oldKey) ?? []).filter((g) => g !== oldest);
    if (rest.length) this.ghostsByJoinKey.set(oldKey, rest);
    else this.ghostsByJoinKey.delete(oldKey);
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
