/**
 * A worker stopped at any moment loses no call and no body: the relay's batches are acknowledged
 * only once committed (the relay sends the rest again), and webRequest events go to the intake
 * log in groups, which the next worker replays. What a stop can lose is the webRequest events of
 * the group not logged yet (at most LOG_GROUP_MS); the call keeps the hook's bodies and status.
 * Property-tested over where the stop lands, which windows had committed, which groups were
 * logged, and whether the stop came between a commit and the log's release of it.
 */
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Observation } from '../session/observation';
import { CaptureSession } from './capture-session';
import { IngestBatcher, LOG_GROUP_MS } from './ingest-batcher';
import { IntakeLog, type LoggedBatch } from './intake-log';
import { memoryArea } from './test-area';
import { memoryStore } from './test-store';

const CALLS = 6;
const url = (i: number) => `https://edge.adobedc.net/ee/v1/interact?configId=ds&requestId=r${i}`;

/** What reaches the worker for call i: webRequest's three events and the relay's batch. */
function arrivals(
  i: number,
): Array<{ kind: 'wr'; obs: Observation } | { kind: 'relay'; batch: LoggedBatch }> {
  const wr = {
    source: 'webRequest',
    webRequestId: `w${i}`,
    tabId: 1,
    frameId: 0,
    url: url(i),
    method: 'POST',
  } as const;
  const hook = {
    source: 'page-hook',
    hookId: `h${i}`,
    tabId: 1,
    frameId: 0,
    url: url(i),
    method: 'POST',
    transport: 'fetch',
  } as const;
  const t = 1_000 * (i + 1);
  return [
    { kind: 'wr', obs: { ...wr, phase: 'request', time: t, requestBody: { text: `{"n":${i}}` } } },
    { kind: 'wr', obs: { ...wr, phase: 'request-headers', time: t + 1 } },
    { kind: 'wr', obs: { ...wr, phase: 'completed', time: t + 20, status: 200 } },
    {
      kind: 'relay',
      batch: {
        observations: [
          { ...hook, phase: 'request', time: t, requestBody: { text: `{"n":${i}}` } },
          {
            ...hook,
            phase: 'response',
            time: t + 20,
            status: 200,
            responseBody: { text: `{"handle":[${i}]}` },
          },
        ],
        pages: [],
      },
    },
  ];
}

const ALL = Array.from({ length: CALLS }, (_, i) => arrivals(i)).flat();

function worker(
  store: ReturnType<typeof memoryStore>,
  area: ReturnType<typeof memoryArea>,
  boot: string,
  /** The page's relay reports to this worker: its webRequest events skip the log, and may wait. */
  hooked = false,
) {
  const session = new CaptureSession(Promise.resolve(store));
  const log = new IntakeLog(area, boot);
  // A window that never closes by itself: the test decides when each one commits.
  const batch = new IngestBatcher(
    (o, p) => session.ingest(o, p),
    () => 1e9,
    log,
    () => !hooked,
    () => hooked,
  );
  return { session, log, batch };
}

describe('a worker stopped at any moment', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('loses no call and no body, stores none twice, and keeps every logged webRequest fact', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: ALL.length }),
        fc.array(fc.integer({ min: 0, max: ALL.length - 1 }), { maxLength: 5 }),
        fc.array(fc.integer({ min: 0, max: ALL.length - 1 }), { maxLength: 8 }),
        fc.boolean(),
        fc.boolean(),
        async (stopAt, commitsAfter, groupsAfter, stopBeforeRelease, hooked) => {
          const store = memoryStore();
          const area = memoryArea();
          const first = worker(store, area, 'a', hooked);
          /** Relay batches not acknowledged when the worker stopped: the relay sends them again. */
          const unacknowledged = new Set<LoggedBatch>();
          /** webRequest events neither logged nor committed yet: a stop now loses them. */
          let exposed: Observation[] = [];
          const lost = new Set<Observation>();
          for (const [index, arrival] of ALL.slice(0, stopAt).entries()) {
            if (arrival.kind === 'wr') {
              first.batch.add(arrival.obs);
              exposed.push(arrival.obs);
            } else {
              unacknowledged.add(arrival.batch);
              void first.batch
                .addAll(arrival.batch.observations, arrival.batch.pages)
                .then(() => unacknowledged.delete(arrival.batch));
            }
            if (groupsAfter.includes(index)) {
              // The group's timer fires: what waits is logged (nothing, for a hooked page).
              await vi.advanceTimersByTimeAsync(LOG_GROUP_MS);
              if (!hooked) exposed = [];
            }
            if (commitsAfter.includes(index)) {
              // A stop between a commit and its release leaves committed entries in the log.
              if (stopBeforeRelease) area.remove = () => Promise.resolve();
              // A hooked page's window closes by its timer, so its webRequest events may wait.
              await first.batch.flush(hooked);
              if (!hooked) exposed = [];
            }
          }
          for (const obs of exposed) lost.add(obs);
          await Promise.resolve(); // the acknowledgements the relay got before the stop
          // Stopped: its memory and timers are gone; the store and storage.session remain.
          vi.clearAllTimers();

          const second = worker(store, area, 'b');
          for (const { key, batch } of await second.log.leftovers())
            void second.batch.replay(
              batch.observations,
              batch.pages,
              () => void second.log.release([key]),
            );
          for (const batch of unacknowledged)
            void second.batch.addAll(batch.observations, batch.pages);
          for (const arrival of ALL.slice(stopAt)) {
            if (arrival.kind === 'wr') second.batch.add(arrival.obs);
            else void second.batch.addAll(arrival.batch.observations, arrival.batch.pages);
          }
          await second.batch.flush();
          // With nothing left to write, the flush does not wait for the store to be read.
          await second.session.ready();

          const calls = second.session.calls({ tabId: 1 });
          expect(calls.map((c) => c.endpoint.requestId).sort()).toEqual(
            Array.from({ length: CALLS }, (_, i) => `r${i}`),
          );
          for (const call of calls) {
            const i = Number(call.endpoint.requestId?.slice(1));
            const kept = ALL.filter(
              (a): a is Extract<typeof a, { kind: 'wr' }> =>
                a.kind === 'wr' && a.obs.url === url(i) && !lost.has(a.obs),
            ).map((a) => (a.obs.source === 'webRequest' ? a.obs.phase : ''));
            // Every webRequest fact that was logged or committed, and the hook's bodies. (A hooked
            // page's webRequest facts are kept only if committed: not asserted one by one.)
            if (!hooked) {
              expect(call.sources.toSorted()).toEqual(
                kept.length ? ['page-hook', 'webRequest'] : ['page-hook'],
              );
              expect(call.statusSource).toBe(
                kept.includes('completed') ? 'webRequest' : 'page-hook',
              );
            }
            expect(call.status).toBe(200);
            const stored = await second.session.withBodies(call.id);
            expect(stored?.requestBody).toMatch(/^\{"n":\d\}$/);
            expect(stored?.responseBody).toMatch(/^\{"handle":\[\d\]\}$/);
          }
        },
      ),
      { numRuns: 150 },
    );
  });
});
