/**
 * Builders for the session tests: one observation of each source for the same call, and ways to
 * replay them in every order. Test-only (imported by *.test.ts).
 */
import { expect } from 'vitest';
import type { CapturedCall } from './call';
import { analyzeCall, withAnalysis } from './analysis';
import { CallTable } from './call-table';
import type {
  HookObservation,
  MonitorObservation,
  Observation,
  WebRequestObservation,
} from './observation';

export const CONFIG = 'ebebf826-a01f-4458-8cec-ef61de241c93';
export const REQ = '2f3e1c5b-7d4a-4c1e-9a57-0b8e4f6d2a10';
export const INTERACT = `https://edge.adobedc.net/ee/or2/v1/interact?configId=${CONFIG}&requestId=${REQ}`;
export const COLLECT = `https://edge.adobedc.net/ee/or2/v1/collect?configId=${CONFIG}&requestId=${REQ}`;
/** A Server API call without requestId: joined by URL and time only. */
export const NO_REQUEST_ID = 'https://server.adobedc.net/ee/v2/interact?dataStreamId=ds-1';

export const REQUEST_TEXT = '{"events":[{"xdm":{"eventType":"web.webpagedetails.pageViews"}}]}';
export const RESPONSE_TEXT = `{"requestId":"${REQ}-0123456789abcdef","handle":[]}`;
export const JSON_HEADERS = [{ name: 'Content-Type', value: 'application/json;charset=utf-8' }];

export function wr(
  phase: WebRequestObservation['phase'],
  over: Partial<WebRequestObservation> = {},
) {
  const obs: WebRequestObservation = {
    source: 'webRequest',
    phase,
    webRequestId: 'wr-1',
    method: 'POST',
    tabId: 1,
    frameId: 0,
    url: INTERACT,
    time: 1_000,
    ...over,
  };
  return obs;
}

export function hook(phase: HookObservation['phase'], over: Partial<HookObservation> = {}) {
  const obs: HookObservation = {
    source: 'page-hook',
    phase,
    hookId: 'f1:1',
    method: 'POST',
    transport: 'fetch',
    tabId: 1,
    frameId: 0,
    url: INTERACT,
    time: 1_000,
    ...over,
  };
  return obs;
}

export function monitor(
  phase: MonitorObservation['phase'],
  over: Partial<MonitorObservation> = {},
) {
  const obs: MonitorObservation = {
    source: 'alloy-monitor',
    phase,
    monitorId: `f1:${REQ}`,
    instance: 'alloy',
    tabId: 1,
    url: INTERACT,
    time: 1_000,
    ...over,
  };
  return obs;
}

/** A table plus the body texts its `apply` results asked to store, as the worker would. */
export function replay(observations: readonly Observation[]) {
  let next = 0;
  const table = new CallTable({ newId: () => `call-${++next}` });
  const texts = new Map<string, { request?: string; response?: string }>();
  let created = 0;
  for (const obs of observations) {
    const out = table.apply(obs);
    if (!out) continue;
    if (out.created) created++;
    const stored = texts.get(out.call.id) ?? {};
    if (out.requestText !== undefined) stored.request = out.requestText;
    if (out.responseText !== undefined) stored.response = out.responseText;
    texts.set(out.call.id, stored);
  }
  // What the worker stores: each call with the analysis of its kept bodies (analysis.ts).
  const calls = table.all().map((call) => {
    const kept = texts.get(call.id) ?? {};
    return withAnalysis(call, analyzeCall(call, kept.request, kept.response));
  });
  return { table, texts, created, calls };
}

export function only(calls: CapturedCall[]): CapturedCall {
  expect(calls).toHaveLength(1);
  return calls[0] as CapturedCall;
}

export function permutations<T>(items: readonly T[]): T[][] {
  if (items.length <= 1) return [[...items]];
  return items.flatMap((item, i) =>
    permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [item, ...rest]),
  );
}

/** Every merge of two ordered streams that keeps each stream's own order. */
export function interleavings<T>(a: readonly T[], b: readonly T[]): T[][] {
  if (!a.length) return [[...b]];
  if (!b.length) return [[...a]];
  const [headA, ...restA] = a as [T, ...T[]];
  const [headB, ...restB] = b as [T, ...T[]];
  return [
    ...interleavings(restA, b).map((rest) => [headA, ...rest]),
    ...interleavings(a, restB).map((rest) => [headB, ...rest]),
  ];
}

export function label(obs: Observation): string {
  const id =
    obs.source === 'webRequest' ? obs.webRequestId : obs.source === 'page-hook' ? obs.hookId : '';
  return `${obs.source === 'webRequest' ? 'wr' : obs.source}(${id}):${'phase' in obs ? obs.phase : ''}`;
}

export function named(orders: Observation[][]): [string, Observation[]][] {
  return orders.map((order) => [order.map(label).join(' → '), order]);
}
