import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MISSING } from './bodies';
import { CallTable } from './call-table';
import type { Observation } from './observation';

const CONFIG = 'ebebf826-a01f-4458-8cec-ef61de241c93';
const EDGE_URL = `https://edge.adobedc.net/ee/or2/v1/interact?configId=${CONFIG}`;
const NO_REQUEST_ID_URL = 'https://server.adobedc.net/ee/v2/interact?dataStreamId=ds-1';

/** One logical Web SDK request: sent from one tab, answered after 0–2 retries (429, then 200). */
interface LogicalRequest {
  tabId: number;
  /** Undefined: a caller that sends no requestId, joined by URL alone. */
  requestId: string | undefined;
  attempts: number;
  beacon: boolean;
  startAt: number;
}

/** One network attempt: what the test expects to find as exactly one call. */
interface Attempt {
  index: number;
  tabId: number;
  url: string;
  beacon: boolean;
  start: number;
  status: number;
  webRequestId: string;
  hookId: string;
  requestText: string;
  responseText: string;
  observations: { stream: string; obs: Observation }[];
}

const logicalRequest: fc.Arbitrary<LogicalRequest> = fc.record({
  tabId: fc.integer({ min: 1, max: 3 }),
  // A small pool, so unrelated requests also share a requestId now and then.
  requestId: fc.option(fc.constantFrom('req-a', 'req-b', 'req-c', 'req-d'), { nil: undefined }),
  attempts: fc.integer({ min: 1, max: 3 }),
  beacon: fc.boolean(),
  startAt: fc.integer({ min: 0, max: 20_000 }),
});

function attemptsOf(requests: LogicalRequest[]): Attempt[] {
  const attempts: Attempt[] = [];
  const frameCounters = new Map<number, number>();
  for (const request of requests) {
    const url = request.requestId
      ? `${EDGE_URL}&requestId=${request.requestId}`
      : NO_REQUEST_ID_URL;
    const requestText = `{"events":[{"xdm":{"eventType":"e${attempts.length}"}}]}`;
    for (let n = 0; n < request.attempts; n++) {
      const index = attempts.length;
      const last = n === request.attempts - 1;
      // Alloy's retry delay is 1–3 s; attempts of one request never overlap in time.
      const start = request.startAt + n * 2_000;
      const counter = (frameCounters.get(request.tabId) ?? 0) + 1;
      frameCounters.set(request.tabId, counter);
      const status = request.beacon ? 204 : last ? 200 : 429;
      const attempt: Attempt = {
        index,
        tabId: request.tabId,
        url,
        beacon: request.beacon,
        start,
        status,
        webRequestId: `wr-${index}`,
        hookId: `tab${request.tabId}:${counter}`,
        requestText,
        responseText: `{"attempt":${index},"handle":[]}`,
        observations: [],
      };
      attempt.observations = observationsOf(attempt);
      attempts.push(attempt);
    }
  }
  return attempts;
}

function observationsOf(a: Attempt): { stream: string; obs: Observation }[] {
  const common = { tabId: a.tabId, frameId: 0, url: a.url };
  const network = {
    ...common,
    source: 'webRequest',
    webRequestId: a.webRequestId,
    method: 'POST',
  } as const;
  const page = {
    ...common,
    source: 'page-hook',
    hookId: a.hookId,
    method: 'POST',
    transport: a.beacon ? 'beacon' : 'fetch',
  } as const;
  const webRequest: Observation[] = [
    {
      ...network,
      phase: 'request',
      time: a.start + 1,
      requestBody: a.beacon ? { missing: MISSING.blobRequest } : { text: a.requestText },
    },
    { ...network, phase: 'request-headers', time: a.start + 2, requestHeaders: [] },
    { ...network, phase: 'response', time: a.start + 40, status: a.status },
    { ...network, phase: 'completed', time: a.start + 41, status: a.status },
  ];
  const pageHook: Observation[] = [
    { ...page, phase: 'request', time: a.start, requestBody: { text: a.requestText } },
  ];
  if (!a.beacon) {
    pageHook.push({
      ...page,
      phase: 'response',
      time: a.start + 45,
      status: a.status,
      responseBody: { text: a.responseText },
    });
  }
  return [
    ...webRequest.map((obs) => ({ stream: 'webRequest', obs })),
    // Each tab's page hook reaches the worker through its own relay, in its own order.
    ...pageHook.map((obs) => ({ stream: `hook:${a.tabId}`, obs })),
  ];
}

/** Realistic arrival: each stream in time order, streams merged by a random schedule. */
function realisticArrival(attempts: Attempt[], schedule: number[]): Observation[] {
  const streams = new Map<string, { time: number; index: number; obs: Observation }[]>();
  for (const a of attempts) {
    for (const { stream, obs } of a.observations) {
      const list = streams.get(stream) ?? [];
      list.push({ time: obs.time, index: a.index, obs });
      streams.set(stream, list);
    }
  }
  const queues = [...streams.values()].map((list) =>
    list.sort((x, y) => x.time - y.time || x.index - y.index).map((item) => item.obs),
  );
  const arrival: Observation[] = [];
  for (let step = 0; queues.some((q) => q.length); step++) {
    const open = queues.filter((q) => q.length);
    const queue = open[(schedule[step % schedule.length] ?? 0) % open.length] as Observation[];
    arrival.push(queue.shift() as Observation);
  }
  return arrival;
}

function replay(arrival: Observation[]) {
  let next = 0;
  const table = new CallTable({ newId: () => `call-${++next}` });
  const texts = new Map<string, { request?: string; response?: string }>();
  for (const obs of arrival) {
    const out = table.apply(obs);
    expect(out).toBeDefined();
    if (!out) continue;
    const stored = texts.get(out.call.id) ?? {};
    if (out.requestText !== undefined) stored.request = out.requestText;
    if (out.responseText !== undefined) stored.response = out.responseText;
    texts.set(out.call.id, stored);
  }
  return { table, texts };
}

const requests = fc.array(logicalRequest, { minLength: 1, maxLength: 6 });

describe('CallTable.apply over interleaved observations (property)', () => {
  it('realistic arrival: one call per attempt, joined to its own ids, with both bodies', () => {
    fc.assert(
      fc.property(
        requests,
        fc.array(fc.nat(), { minLength: 1, maxLength: 64 }),
        (reqs, schedule) => {
          const attempts = attemptsOf(reqs);
          const { table, texts } = replay(realisticArrival(attempts, schedule));
          expect(table.size).toBe(attempts.length);
          for (const a of attempts) {
            const call = table.all().find((c) => c.keys.webRequestId === a.webRequestId);
            expect(call).toBeDefined();
            if (!call) continue;
            expect(call.keys.hookId).toBe(a.hookId);
            expect(call.tabId).toBe(a.tabId);
            expect(call.status).toBe(a.status);
            expect(call.startedAt).toBe(a.start + 1);
            expect(call.durationMs).toBe(40);
            expect(call.request.captured).toBe(true);
            expect(call.response.captured).toBe(true);
            expect(texts.get(call.id)?.request).toBe(a.requestText);
            if (!a.beacon) expect(texts.get(call.id)?.response).toBe(a.responseText);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  // Without the per-source order, attempts that share a join key (retries; calls without
  // requestId) cannot be told apart and may be paired crosswise. That is harmless only when they
  // are interchangeable, so this property uses fetch attempts alone: a beacon's webRequest paired
  // with a fetch's page hook would rightly miss its response body.
  it('any arrival order at all: exactly N calls, each with both bodies and one id per source', () => {
    const scenario = requests.chain((reqs) => {
      const attempts = attemptsOf(reqs.map((r) => ({ ...r, beacon: false })));
      const all = attempts.flatMap((a) => a.observations.map((o) => o.obs));
      return fc.tuple(
        fc.constant(attempts),
        fc.shuffledSubarray(all, { minLength: all.length, maxLength: all.length }),
      );
    });
    fc.assert(
      fc.property(scenario, ([attempts, arrival]) => {
        const { table } = replay(arrival);
        expect(table.size).toBe(attempts.length);
        const calls = table.all();
        for (const call of calls) {
          expect(call.request.captured).toBe(true);
          expect(call.response.captured).toBe(true);
          expect([...call.sources].sort()).toEqual(['page-hook', 'webRequest']);
        }
        expect(calls.map((c) => c.keys.webRequestId).sort()).toEqual(
          attempts.map((a) => a.webRequestId).sort(),
        );
        expect(calls.map((c) => c.keys.hookId).sort()).toEqual(
          attempts.map((a) => a.hookId).sort(),
        );
      }),
      { numRuns: 300 },
    );
  });
});
