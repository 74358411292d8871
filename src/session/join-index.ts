/**
 * How observations from several sources find their one call. Pure.
 *
 * 1. A source's own unique key (webRequest id, page-hook attempt id, monitor id, the extension's
 *    send id) finds its call.
 * 2. Else the calls with the observation's join key (same tab, same URL `requestId`, or without
 *    one the same URL) started within JOIN_WINDOW_MS, that this source has not joined yet, oldest
 *    first; failing that, such a call kept under no tab (UNPLACED_TAB), which then takes the tab. The Web SDK retries 429/5xx with the same URL, so one requestId can have several
 *    calls; each attempt is a separate network request and so a separate record.
 *
 * The call table keeps two indexes of this one kind: its live calls, and the calls it forgot
 * (evicted or cleared), whose late observations must be recognised and dropped.
 */
import type { EdgeEndpoint } from '../edge/endpoint';
import type { CallKeys, CapturedCall } from './call';
import type { Observation } from './observation';

export const JOIN_WINDOW_MS = 120_000;

/** The tab of calls that came from no tab, or whose tab could not be known (session/outbox.ts). */
export const UNPLACED_TAB = -1;

/** Where a call, or an observation about it, joins: its tab and the URL's requestId (or URL). */
export function joinKeyOf(at: { tabId: number; url: string }, endpoint: EdgeEndpoint): string {
  return `${at.tabId}|${endpoint.requestId ?? at.url}`;
}

/** The observation's own unique key, when its source has one (DevTools entries have none). */
export function ownKey(obs: Observation): string | undefined {
  switch (obs.source) {
    case 'webRequest':
      return `wr:${obs.webRequestId}`;
    case 'page-hook':
      return `hook:${obs.hookId}`;
    case 'alloy-monitor':
      return `mon:${obs.monitorId}`;
    case 'extension':
      return `ext:${obs.sendId}`;
    case 'devtools':
      return undefined;
  }
}

function ownKeysOf(keys: CallKeys): string[] {
  const own: string[] = [];
  if (keys.webRequestId) own.push(`wr:${keys.webRequestId}`);
  if (keys.hookId) own.push(`hook:${keys.hookId}`);
  if (keys.monitorId) own.push(`mon:${keys.monitorId}`);
  if (keys.sendId) own.push(`ext:${keys.sendId}`);
  return own;
}

/** The call's keys once `obs`'s source has joined it. */
export function joinedKeys(keys: CallKeys, obs: Observation): CallKeys {
  switch (obs.source) {
    case 'webRequest':
      return { ...keys, webRequestId: obs.webRequestId };
    case 'page-hook':
      return { ...keys, hookId: obs.hookId };
    case 'alloy-monitor':
      return { ...keys, monitorId: obs.monitorId };
    case 'extension':
      return { ...keys, sendId: obs.sendId };
    case 'devtools':
      return { ...keys, devtools: true };
  }
}

function hasJoined(keys: CallKeys, obs: Observation): boolean {
  switch (obs.source) {
    case 'webRequest':
      return keys.webRequestId !== undefined;
    case 'page-hook':
      return keys.hookId !== undefined;
    case 'alloy-monitor':
      return keys.monitorId !== undefined;
    case 'extension':
      return keys.sendId !== undefined;
    case 'devtools':
      return keys.devtools === true;
  }
}

/** The join key without its tab: the URL's requestId, or the URL. */
function looseKey(joinKey: string): string {
  return joinKey.slice(joinKey.indexOf('|') + 1);
}

const fromPage = (obs: { source: string }) =>
  obs.source === 'page-hook' || obs.source === 'alloy-monitor';

/** A call kept under no tab: only the page's sources saw it, and nothing told it its tab. */
const isUnplaced = (call: CapturedCall) =>
  call.tabId === UNPLACED_TAB && call.sources.every((source) => fromPage({ source }));

function without(list: string[] | undefined, id: string): string[] {
  return (list ?? []).filter((other) => other !== id);
}

/** One join index over records kept elsewhere (`get`), by id. */
export class JoinIndex {
  /** Own key → ids that carry it, in the order they took it (retries share a monitor id). */
  private readonly byOwnKey = new Map<string, string[]>();
  /** Join key → ids, oldest first. */
  private readonly byJoinKey = new Map<string, string[]>();
  /** The join key without its tab → ids: only for calls kept under no tab (UNPLACED_TAB). */
  private readonly byLooseKey = new Map<string, string[]>();
  /** The join key each id was indexed under: a call keeps the key it was opened with. */
  private readonly joinKeyById = new Map<string, string>();

  constructor(private readonly get: (id: string) => CapturedCall | undefined) {}

  /** Indexes a new record, or the own keys a known record has gained. */
  add(call: CapturedCall): void {
    for (const key of ownKeysOf(call.keys)) {
      const ids = this.byOwnKey.get(key) ?? [];
      if (!ids.includes(call.id)) this.byOwnKey.set(key, [...ids, call.id]);
    }
    if (this.joinKeyById.has(call.id)) return;
    const key = joinKeyOf(call, call.endpoint);
    this.joinKeyById.set(call.id, key);
    this.byJoinKey.set(key, [...(this.byJoinKey.get(key) ?? []), call.id]);
    const loose = looseKey(key);
    this.byLooseKey.set(loose, [...(this.byLooseKey.get(loose) ?? []), call.id]);
  }

  delete(call: CapturedCall): void {
    for (const key of ownKeysOf(call.keys)) {
      const rest = without(this.byOwnKey.get(key), call.id);
      if (rest.length) this.byOwnKey.set(key, rest);
      else this.byOwnKey.delete(key);
    }
    const key = this.joinKeyById.get(call.id);
    if (key === undefined) return;
    this.joinKeyById.delete(call.id);
    const rest = without(this.byJoinKey.get(key), call.id);
    if (rest.length) this.byJoinKey.set(key, rest);
    else this.byJoinKey.delete(key);
    const loose = looseKey(key);
    const others = without(this.byLooseKey.get(loose), call.id);
    if (others.length) this.byLooseKey.set(loose, others);
    else this.byLooseKey.delete(loose);
  }

  /** The record `obs` belongs to: by its own key, else by its join key (`joinKey`, `startedAt`). */
  find(obs: Observation, joinKey: string, startedAt: number): CapturedCall | undefined {
    const own = ownKey(obs);
    const owners = own ? this.byOwnKey.get(own) : undefined;
    const owner = owners?.at(-1);
    if (owner !== undefined) return this.get(owner);
    const found = this.byKey(obs, this.byJoinKey.get(joinKey), startedAt);
    if (found) return found;
    // A call kept under no tab (a leaving page's outbox nothing placed) and the same call seen
    // from its tab are one call, whichever came first. (The extension's own requests also have
    // no tab; they never join a page's call.)
    const loose = this.byLooseKey.get(looseKey(joinKey));
    if (obs.tabId >= 0) return this.byKey(obs, loose, startedAt, isUnplaced);
    if (!fromPage(obs)) return undefined;
    return this.byKey(obs, loose, startedAt, (call) => call.tabId >= 0);
  }

  private byKey(
    obs: Observation,
    ids: readonly string[] | undefined,
    startedAt: number,
    accept: (call: CapturedCall) => boolean = () => true,
  ): CapturedCall | undefined {
    for (const id of ids ?? []) {
      const call = this.get(id);
      if (!call || Math.abs(call.startedAt - startedAt) > JOIN_WINDOW_MS || !accept(call)) continue;
      if (!hasJoined(call.keys, obs)) return call;
    }
    return undefined;
  }
}
