/**
 * The worker's end of the viewer handshake: a hello of this version gets a snapshot, a hello of
 * any other version (an older panel left open across an update, or a newer one) gets
 * `protocol-mismatch` and nothing else, whatever it sends next.
 */
import { describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION } from '../shared/protocol';
import { matchEdgeUrl } from '../edge/endpoint';
import type { CapturedCall } from '../session/call';
import { CaptureSession } from './capture-session';
import { PREVIEW_CALLS } from '../shared/store-schema';
import { emptyWrites } from './store';
import { memoryStore } from './test-store';
import { viewerEnd } from './test-ports';
import { SNAPSHOT_PAGE } from './viewer-ports';

function worker() {
  const session = new CaptureSession(Promise.resolve(memoryStore()));
  return { session, connect: viewerEnd(session).connect };
}

function call(id: string, seq: number): CapturedCall {
  const url = `https://edge.adobedc.net/ee/v2/interact?configId=ds&requestId=${id}`;
  const endpoint = matchEdgeUrl(url);
  if (!endpoint) throw new Error('not an Edge URL');
  return {
    id,
    seq,
    tabId: 3,
    url,
    method: 'POST',
    endpoint,
    startedAt: seq,
    state: 'complete',
    request: { captured: false },
    response: { captured: false },
    sources: ['webRequest'],
    keys: { webRequestId: id },
  } as CapturedCall;
}

/** A worker whose store is read slowly: `finishLoad` lets its full read complete. */
async function coldWorker(calls: number) {
  const store = memoryStore();
  const tab = (seq: number) => (seq % 2 ? 3 : 4);
  await store.write({
    ...emptyWrites(),
    calls: Array.from({ length: calls }, (_, i) => ({
      ...call(`c${i}`, i + 1),
      tabId: tab(i + 1),
    })),
  });
  let finishLoad = () => {};
  const loaded = new Promise<void>((resolve) => (finishLoad = resolve));
  const load = store.load.bind(store);
  store.load = (belowSeq) => loaded.then(() => load(belowSeq));
  const session = new CaptureSession(Promise.resolve(store));
  return { session, viewer: viewerEnd(session).connect(), finishLoad };
}

const hello = (protocolVersion: unknown) => ({
  type: 'hello',
  payload: { protocolVersion, scope: { tabId: 3 } },
});

describe('a viewer that wakes a cold worker', () => {
  it("gets the tab's newest calls from the store first, then the whole snapshot", async () => {
    const { session, viewer, finishLoad } = await coldWorker(SNAPSHOT_PAGE * 2 + 10);
    viewer.say(hello(PROTOCOL_VERSION));
    await expect.poll(() => viewer.posted.length).toBe(1);
    const [preview] = viewer.posted;
    if (preview?.type !== 'snapshot') throw new Error('expected a snapshot');
    const seqs = preview.payload.calls.map((c) => c.seq);
    // The newest PREVIEW_CALLS calls of the store, those of tab 3 only (odd seq), oldest first.
    expect(seqs[0]).toBe(SNAPSHOT_PAGE * 2 + 10 - PREVIEW_CALLS + 1);
    expect(seqs.at(-1)).toBe(SNAPSHOT_PAGE * 2 + 9);
    expect(seqs.every((s) => s % 2 === 1)).toBe(true);
    expect(preview.payload).toMatchObject({ reset: true, done: false });

    finishLoad();
    await session.ready();
    await expect.poll(() => viewer.posted.at(-1)).toMatchObject({ payload: { done: true } });
    const full = viewer.posted.slice(1);
    expect(full[0]).toMatchObject({ type: 'snapshot', payload: { reset: true } });
    const all = full.flatMap((m) => (m.type === 'snapshot' ? m.payload.calls : []));
    expect(all).toHaveLength(SNAPSHOT_PAGE + 5);
  });

  it('gets no preview from a worker whose store is read already', async () => {
    const { session, viewer, finishLoad } = await coldWorker(3);
    finishLoad();
    await session.ready();
    viewer.say(hello(PROTOCOL_VERSION));
    await expect.poll(() => viewer.posted.at(-1)).toMatchObject({ payload: { done: true } });
    expect(viewer.posted).toHaveLength(1);
  });
});

describe('viewer handshake, worker side', () => {
  it('answers a hello of its own version with a snapshot', async () => {
    const { session, connect } = worker();
    const viewer = connect();
    viewer.say(hello(PROTOCOL_VERSION));
    await session.ready();
    await expect.poll(() => viewer.posted.map((m) => m.type)).toEqual(['snapshot']);
  });

  it.each([
    { who: 'an older viewer (left open across an update)', version: PROTOCOL_VERSION - 1 },
    { who: 'a newer viewer', version: PROTOCOL_VERSION + 1 },
    { who: 'a viewer with no number', version: 'one' },
  ])('tells $who that the versions differ, and nothing else', async ({ version }) => {
    const { session, connect } = worker();
    const viewer = connect();
    viewer.say(hello(version));
    viewer.say({ type: 'get-call', payload: { id: 'x' } });
    viewer.say({ type: 'clear', payload: { scope: {} } });
    await session.ready();
    expect(viewer.posted).toEqual([
      {
        type: 'protocol-mismatch',
        payload: {
          workerVersion: PROTOCOL_VERSION,
          viewerVersion: typeof version === 'number' ? version : -1,
        },
      },
    ]);
  });
});
