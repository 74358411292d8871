/**
 * A worker stopped at any moment loses nothing: what it received went to the intake log first,
 * and the next worker replays it. Property-tested over where the stop lands, which windows had
 * committed, and whether the stop came between a commit and the log's release of it.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Observation } from '../session/observation';
import { CaptureSession } from './capture-session';
import { IngestBatcher } from './ingest-batcher';
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
) {
  const session = new CaptureSession(Promise.resolve(store));
  const log = new IntakeLog(area, boot);
  // A window that never closes by itself: the test decides when each one commits.
  const batch = new IngestBatcher(
    (o, p) => session.ingest(o, p),
    () => 1e9,
    log,
  );
  return { session, log, batch };
}

describe('a worker stopped at any moment', () => {
  it('loses no call and no body, and stores none twice', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: ALL.length }),
        fc.array(fc.integer({ min: 0, max: ALL.length - 1 }), { maxLength: 5 }),
        fc.boolean(),
        async (stopAt, commitsAfter, stopBeforeRelease) => {
          const store = memoryStore();
          const area = memoryArea();
          const first = worker(store, area, 'a');
          /** Relay batches not acknowledged when the worker stopped: the relay sends them again. */
          const unacknowledged = new Set<LoggedBatch>();
          for (const [index, arrival] of ALL.slice(0, stopAt).entries()) {
            if (arrival.kind === 'wr') first.batch.add(arrival.obs);
            else {
              unacknowledged.add(arrival.batch);
              void first.batch
                .addAll(arrival.batch.observations, arrival.batch.pages)
                .then(() => unacknowledged.delete(arrival.batch));
            }
            if (commitsAfter.includes(index)) {
              // A stop between a commit and its release leaves committed entries in the log.
              if (stopBeforeRelease) area.remove = () => Promise.resolve();
              await first.batch.flush();
            }
          }
          await Promise.resolve(); // the acknowledgements the relay got before the stop
          // Stopped: its memory is gone; the store and storage.session remain.

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

          const calls = second.session.calls({ tabId: 1 });
          expect(calls.map((c) => c.endpoint.requestId).sort()).toEqual(
            Array.from({ length: CALLS }, (_, i) => `r${i}`),
          );
          for (const call of calls) {
            // Both sources' facts: webRequest's status and headers phase, the hook's bodies.
            expect(call.sources.toSorted()).toEqual(['page-hook', 'webRequest']);
            expect(call.statusSource).toBe('webRequest');
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
