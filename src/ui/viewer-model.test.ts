import { describe, expect, test } from 'vitest';
import type { ToViewerMessage } from '../shared/protocol';
import { createFakeTransport } from './fake-transport';
import { makeCall, makePage, makeStatus } from './test-fixtures';
import type { FrameScheduler } from './frame-scheduler';
import { createViewerModel } from './viewer-model';

/** A scheduler the test runs by hand: `frames.run()` is "the next animation frame". */
function manualFrames() {
  const queued: (() => void)[] = [];
  const schedule: FrameScheduler = (flush) => {
    queued.push(flush);
    return () => {
      const at = queued.indexOf(flush);
      if (at >= 0) queued.splice(at, 1);
    };
  };
  return {
    schedule,
    get pending() {
      return queued.length;
    },
    run() {
      for (const flush of queued.splice(0)) flush();
    },
  };
}

function setup(tabId?: number) {
  const transport = createFakeTransport();
  const frames = manualFrames();
  const model = createViewerModel({
    scope: tabId === undefined ? {} : { tabId },
    transport,
    schedule: frames.schedule,
  });
  model.start();
  return { transport, frames, model };
}

const snapshot = (
  seqs: number[],
  extra: Partial<Extract<ToViewerMessage, { type: 'snapshot' }>['payload']> = {},
): ToViewerMessage => ({
  type: 'snapshot',
  payload: {
    calls: seqs.map((seq) => makeCall(seq)),
    pages: [makePage('page-a')],
    reset: true,
    done: true,
    status: makeStatus({ stored: seqs.length }),
    ...extra,
  },
});
const upsert = (...seqs: number[]): ToViewerMessage => ({
  type: 'calls-upserted',
  payload: { calls: seqs.map((seq) => makeCall(seq)) },
});

describe('reducer', () => {
  test.each<{ name: string; messages: ToViewerMessage[]; frames?: boolean; want: number[] }>([
    { name: 'snapshot replaces', messages: [snapshot([1, 2]), snapshot([5])], want: [5] },
    {
      name: 'snapshot pages add up',
      messages: [snapshot([1, 2], { done: false }), snapshot([3], { reset: false })],
      frames: true,
      want: [1, 2, 3],
    },
    { name: 'upserts wait for the frame', messages: [snapshot([1]), upsert(2, 3)], want: [1] },
    {
      name: 'upserts land on the frame',
      messages: [snapshot([1]), upsert(3, 2)],
      frames: true,
      want: [1, 2, 3],
    },
    {
      name: 'a reset snapshot supersedes pending upserts',
      messages: [upsert(9), snapshot([1])],
      frames: true,
      want: [1],
    },
    {
      name: 'cleared applies after pending upserts',
      messages: [snapshot([1]), upsert(2), { type: 'cleared', payload: { scope: { tabId: 7 } } }],
      want: [],
    },
    {
      name: 'cleared for another tab keeps ours',
      messages: [snapshot([1]), { type: 'cleared', payload: { scope: { tabId: 99 } } }],
      want: [1],
    },
  ])('$name', ({ messages, frames: runFrames, want }) => {
    const { transport, frames, model } = setup();
    for (const m of messages) transport.deliver(m);
    if (runFrames) frames.run();
    expect(model.calls.value.map((call) => call.seq)).toEqual(want);
  });

  test('many upsert batches in one frame render once', () => {
    const { transport, frames, model } = setup();
    transport.deliver(snapshot([]));
    let renders = 0;
    const stop = model.rows.subscribe(() => renders++);
    renders = 0;
    for (let seq = 1; seq <= 50; seq++) transport.deliver(upsert(seq));
    expect(frames.pending).toBe(1);
    frames.run();
    expect(renders).toBe(1);
    expect(model.calls.value).toHaveLength(50);
    stop();
  });

  test('a burst of snapshot pages is one list update in the next frame, not one per page', () => {
    const { transport, frames, model } = setup();
    let renders = 0;
    const stop = model.rows.subscribe(() => renders++);
    transport.deliver(snapshot([1, 2], { done: false }));
    expect(model.calls.value.map((call) => call.seq)).toEqual([1, 2]);
    renders = 0;
    for (const seqs of [[3, 4], [5], [6, 7]])
      // As the worker sends them: the pages travel with the first snapshot page only.
      transport.deliver(snapshot(seqs, { reset: false, done: seqs[0] === 6, pages: [] }));

    expect(renders).toBe(0);
    expect(frames.pending).toBe(1);
    frames.run();
    expect(renders).toBe(1);
    expect(model.calls.value.map((call) => call.seq)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(model.loading.value).toBe(false);
    stop();
  });

  test('status, loading and pages', () => {
    const { transport, model } = setup();
    expect(model.loading.value).toBe(true);
    transport.deliver(snapshot([1], { status: makeStatus({ evicted: 4, stored: 1 }) }));
    expect(model.loading.value).toBe(false);
    expect(model.status.value.evicted).toBe(4);
    transport.deliver({ type: 'status', payload: makeStatus({ paused: true }) });
    expect(model.status.value.paused).toBe(true);
    transport.deliver({ type: 'pages-upserted', payload: { pages: [makePage('page-b')] } });
    expect([...model.pages.value.keys()]).toEqual(['page-a', 'page-b']);
  });

  test('connection state follows the transport', () => {
    const { transport, model } = setup();
    expect(model.connection.value).toBe('connected');
    transport.drop();
    expect(model.connection.value).toBe('reconnecting');
    transport.restore();
    expect(model.connection.value).toBe('connected');
  });
});

describe('selection and detail', () => {
  test('select asks for the detail and shows it', () => {
    const { transport, model } = setup();
    transport.deliver(snapshot([1, 2]));
    model.select('call-2');
    expect(transport.sent).toContainEqual({ type: 'get-call', payload: { id: 'call-2' } });
    expect(model.detail.value?.state).toBe('loading');
    transport.deliver({
      type: 'call-detail',
      payload: { id: 'call-1', detail: { call: makeCall(1) } },
    });
    expect(model.detail.value?.state).toBe('loading');
    transport.deliver({
      type: 'call-detail',
      payload: { id: 'call-2', detail: { call: makeCall(2), responseBody: '{}' } },
    });
    expect(model.detail.value).toMatchObject({ id: 'call-2', state: 'loaded' });
  });

  test('a missing detail is "gone"', () => {
    const { transport, model } = setup();
    transport.deliver(snapshot([1]));
    model.select('call-1');
    transport.deliver({ type: 'call-detail', payload: { id: 'call-1' } });
    expect(model.detail.value?.state).toBe('gone');
  });

  test('an update of the selected call re-fetches its detail', () => {
    const { transport, frames, model } = setup();
    transport.deliver(snapshot([1, 2]));
    model.select('call-1');
    transport.sent.length = 0;
    transport.deliver(upsert(2));
    frames.run();
    expect(transport.sent).toEqual([]);
    transport.deliver(upsert(1));
    frames.run();
    expect(transport.sent).toEqual([{ type: 'get-call', payload: { id: 'call-1' } }]);
  });

  test.each<[string | undefined, number | 'first' | 'last', string]>([
    [undefined, 1, 'call-1'],
    [undefined, -1, 'call-3'],
    ['call-1', 1, 'call-2'],
    ['call-3', 1, 'call-3'],
    ['call-2', -1, 'call-1'],
    ['call-1', -5, 'call-1'],
    ['call-2', 'first', 'call-1'],
    ['call-1', 'last', 'call-3'],
  ])('from %s move %s → %s', (from, move, want) => {
    const { transport, model } = setup();
    transport.deliver(snapshot([1, 2, 3]));
    if (from) model.select(from);
    expect(model.moveSelection(move)).toBe(want);
    expect(model.selectedId.value).toBe(want);
  });

  test('a move can start from the focused row rather than the selection', () => {
    const { transport, model } = setup();
    transport.deliver(snapshot([1, 2, 3]));
    expect(model.moveSelection(1, 'call-1')).toBe('call-2');
  });

  test('clear drops the selection and tells the worker', () => {
    const { transport, model } = setup(7);
    transport.deliver(snapshot([1, 2]));
    model.select('call-1');
    model.clear();
    expect(model.calls.value).toEqual([]);
    expect(model.selectedId.value).toBeUndefined();
    expect(transport.sent.at(-1)).toEqual({ type: 'clear', payload: { scope: { tabId: 7 } } });
  });
});

describe('controls', () => {
  test('pause toggles and is sent', () => {
    const { transport, model } = setup();
    transport.deliver(snapshot([]));
    model.togglePaused();
    expect(transport.sent.at(-1)).toEqual({ type: 'set-paused', payload: { paused: true } });
    // Paused only once the worker says so.
    expect(model.status.value.paused).toBe(false);
    transport.deliver({ type: 'status', payload: { paused: true, evicted: 0, stored: 0 } });
    expect(model.status.value.paused).toBe(true);
    model.togglePaused();

    expect(transport.sent.at(-1)).toEqual({ type: 'set-paused', payload: { paused: false } });
  });

  test('preserve log and filter shape the rows', () => {
    const { transport, model } = setup();
    transport.deliver({
      type: 'snapshot',
      payload: {
        calls: [
          makeCall(1, { pageId: 'page-a' }),
          makeCall(2, { pageId: 'page-b', eventTypes: ['commerce.purchases'] }),
        ],
        pages: [makePage('page-a', { startedAt: 1 }), makePage('page-b', { startedAt: 2 })],
        reset: true,
        done: true,
        status: makeStatus(),
      },
    });
    expect(model.preserveLog.value).toBe(true);
    expect(model.rows.value.map((row) => row.kind)).toEqual(['page', 'call', 'page', 'call']);
    model.setPreserveLog(false);
    expect(model.rows.value.map((row) => row.key)).toEqual(['call-2']);
    model.setPreserveLog(true);
    model.setFilter('purchases');
    expect(model.rows.value.map((row) => row.key)).toEqual(['call-2']);
    expect(model.visibleCallCount.value).toBe(1);
  });

  test('dispose disconnects and cancels the pending frame', () => {
    const { transport, frames, model } = setup();
    transport.deliver(upsert(1));
    model.dispose();
    expect(frames.pending).toBe(0);
    expect(transport.connected).toBe(false);
  });
});
