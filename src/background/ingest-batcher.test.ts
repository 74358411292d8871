import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Observation, PageObservation } from '../session/observation';
import {
  IngestBatcher,
  LIVE_WINDOW_MS,
  LOG_GROUP_MS,
  MAX_WAITS,
  QUIET_WINDOW_MS,
} from './ingest-batcher';

function obs(id: string): Observation {
  return {
    source: 'webRequest',
    phase: 'request',
    webRequestId: id,
    tabId: 1,
    frameId: 0,
    url: `https://edge.adobedc.net/ee/v1/interact?configId=ds&requestId=${id}`,
    method: 'POST',
    time: 0,
  };
}

const page: PageObservation = { tabId: 1, documentId: 'doc', url: 'https://shop.test/', time: 0 };

/** Records every ingest (one per transaction) and lets the test decide when it commits. */
function recorder(fail = false) {
  const batches: Array<{ ids: string[]; pages: number }> = [];
  const ingest = vi.fn(
    (observations: readonly Observation[], pages: readonly PageObservation[]) => {
      batches.push({
        ids: observations.map((o) => (o.source === 'webRequest' ? o.webRequestId : '?')),
        pages: pages.length,
      });
      return fail ? Promise.reject(new Error('disk full')) : Promise.resolve(observations.length);
    },
  );
  return { batches, ingest };
}

describe('IngestBatcher', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it.each([
    { viewers: 0, window: QUIET_WINDOW_MS },
    { viewers: 1, window: LIVE_WINDOW_MS },
  ])('with $viewers viewer(s) open, one transaction per $window ms window', async (row) => {
    const { batches, ingest } = recorder();
    const batcher = new IngestBatcher(ingest, () =>
      row.viewers ? LIVE_WINDOW_MS : QUIET_WINDOW_MS,
    );
    batcher.add(obs('a'), page);
    await vi.advanceTimersByTimeAsync(row.window - 1);
    batcher.add(obs('b'));
    expect(batches).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(batches).toEqual([{ ids: ['a', 'b'], pages: 1 }]);
    // The next event opens a new window.
    batcher.add(obs('c'));
    await vi.advanceTimersByTimeAsync(row.window);
    expect(batches).toEqual([
      { ids: ['a', 'b'], pages: 1 },
      { ids: ['c'], pages: 0 },
    ]);
  });

  it('acknowledges a relay batch only once the transaction holding it has committed', async () => {
    const { batches, ingest } = recorder();
    const batcher = new IngestBatcher(ingest, () => QUIET_WINDOW_MS);
    batcher.add(obs('web'));
    let acknowledged = false;
    void batcher.addAll([obs('hook-1'), obs('hook-2')], [page]).then(() => {
      acknowledged = true;
    });
    await vi.advanceTimersByTimeAsync(QUIET_WINDOW_MS - 1);
    expect(acknowledged).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(acknowledged).toBe(true);
    expect(batches).toEqual([{ ids: ['web', 'hook-1', 'hook-2'], pages: 1 }]);
  });

  it('a failed write rejects the waiting relay batch, so the relay sends it again', async () => {
    const { ingest } = recorder(true);
    const batcher = new IngestBatcher(ingest, () => LIVE_WINDOW_MS);
    const committed = batcher.addAll([obs('x')], []);
    const settled = committed.then(
      () => 'resolved',
      (error: unknown) => String(error),
    );
    await vi.advanceTimersByTimeAsync(LIVE_WINDOW_MS);
    expect(await settled).toBe('Error: disk full');
  });

  it('flush writes at once and cancels the window; an empty flush writes nothing', async () => {
    const { batches, ingest } = recorder();
    const batcher = new IngestBatcher(ingest, () => QUIET_WINDOW_MS);
    await batcher.flush();
    expect(ingest).not.toHaveBeenCalled();
    batcher.add(obs('a'));
    await batcher.flush();
    expect(batches).toEqual([{ ids: ['a'], pages: 0 }]);
    await vi.advanceTimersByTimeAsync(QUIET_WINDOW_MS * 2);
    expect(ingest).toHaveBeenCalledTimes(1);
  });

  it('flush hands the batch over before it returns, so a Clear queued next comes after it', () => {
    const { batches, ingest } = recorder();
    const batcher = new IngestBatcher(ingest, () => QUIET_WINDOW_MS);
    batcher.add(obs('before-clear'));
    void batcher.flush();
    expect(batches).toEqual([{ ids: ['before-clear'], pages: 0 }]);
  });

  it('reads the window when a batch opens: a viewer that connects shortens the next one', async () => {
    const { batches, ingest } = recorder();
    let viewers = 0;
    const batcher = new IngestBatcher(ingest, () => (viewers ? LIVE_WINDOW_MS : QUIET_WINDOW_MS));
    batcher.add(obs('quiet'));
    viewers = 1;
    await batcher.flush(); // what the viewer's hello does
    batcher.add(obs('live'));
    await vi.advanceTimersByTimeAsync(LIVE_WINDOW_MS);
    expect(batches).toEqual([
      { ids: ['quiet'], pages: 0 },
      { ids: ['live'], pages: 0 },
    ]);
  });
});

describe('IngestBatcher with an intake log', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  async function logged(windowMs: number, fail = false) {
    const { IntakeLog } = await import('./intake-log');
    const { memoryArea } = await import('./test-area');
    const area = memoryArea();
    const set = vi.spyOn(area, 'set');
    const remove = vi.spyOn(area, 'remove');
    const { batches, ingest } = recorder(fail);
    const batcher = new IngestBatcher(ingest, () => windowMs, new IntakeLog(area, 'a'));
    return { area, set, remove, batches, batcher };
  }

  it('logs the webRequest events of LOG_GROUP_MS in one message, and releases it once committed', async () => {
    const { area, set, batches, batcher } = await logged(QUIET_WINDOW_MS);
    batcher.add(obs('a'), page);
    batcher.add(obs('b'));
    await vi.advanceTimersByTimeAsync(LOG_GROUP_MS - 1);
    expect(set).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(set).toHaveBeenCalledTimes(1);
    expect(area.items.size).toBe(1);
    // A later event opens the next group.
    batcher.add(obs('c'));
    await vi.advanceTimersByTimeAsync(LOG_GROUP_MS);
    expect(set).toHaveBeenCalledTimes(2);
    expect(batches).toEqual([]);
    await vi.advanceTimersByTimeAsync(QUIET_WINDOW_MS);
    expect(batches).toEqual([{ ids: ['a', 'b', 'c'], pages: 1 }]);
    expect(area.items.size).toBe(0);
  });

  it('a window that commits before its group was logged writes no log at all', async () => {
    const { set, batches, batcher } = await logged(LIVE_WINDOW_MS);
    expect(LIVE_WINDOW_MS).toBeLessThan(LOG_GROUP_MS);
    batcher.add(obs('a'));
    await vi.advanceTimersByTimeAsync(LOG_GROUP_MS * 2);
    expect(batches).toEqual([{ ids: ['a'], pages: 0 }]);
    expect(set).not.toHaveBeenCalled();
  });

  it('never logs a relay batch: it is acknowledged when its window committed', async () => {
    const { set, batches, batcher } = await logged(QUIET_WINDOW_MS);
    let acknowledged = false;
    void batcher.addAll([obs('b')], []).then(() => (acknowledged = true));
    await vi.advanceTimersByTimeAsync(QUIET_WINDOW_MS - 1);
    expect(acknowledged).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(batches).toEqual([{ ids: ['b'], pages: 0 }]);
    expect(acknowledged).toBe(true);
    expect(set).not.toHaveBeenCalled();
  });

  it('releases a whole window in one message to the browser', async () => {
    const { area, remove, batcher } = await logged(QUIET_WINDOW_MS);
    const ids = ['a', 'b', 'c'];
    expect(ids.length * LOG_GROUP_MS).toBeLessThan(QUIET_WINDOW_MS);
    for (const id of ids) {
      batcher.add(obs(id));
      await vi.advanceTimersByTimeAsync(LOG_GROUP_MS);
    }
    expect(area.items.size).toBe(3);
    await vi.advanceTimersByTimeAsync(QUIET_WINDOW_MS);
    expect(area.items.size).toBe(0);
    expect(remove).toHaveBeenCalledTimes(1);
    expect(remove.mock.calls[0]?.[0]).toHaveLength(3);
  });

  it('logs no event the worker says needs none (a document whose relay reports)', async () => {
    const { IntakeLog } = await import('./intake-log');
    const { memoryArea } = await import('./test-area');
    const area = memoryArea();
    const { batches, ingest } = recorder();
    const batcher = new IngestBatcher(
      ingest,
      () => QUIET_WINDOW_MS,
      new IntakeLog(area, 'a'),
      (o) => o.source === 'webRequest' && o.webRequestId !== 'hooked',
    );
    batcher.add(obs('hooked'));
    await vi.advanceTimersByTimeAsync(LOG_GROUP_MS);
    expect(area.items.size).toBe(0);
    batcher.add(obs('other'));
    await vi.advanceTimersByTimeAsync(LOG_GROUP_MS);
    expect(area.items.size).toBe(1);
    await vi.advanceTimersByTimeAsync(QUIET_WINDOW_MS);
    expect(batches).toEqual([{ ids: ['hooked', 'other'], pages: 0 }]);
  });

  it('lets an unlogged event wait MAX_WAITS windows at most, and a flush takes it at once', async () => {
    const { IntakeLog } = await import('./intake-log');
    const { memoryArea } = await import('./test-area');
    const { batches, ingest } = recorder();
    const hooked = (o: Observation) => o.source === 'webRequest' && o.webRequestId.startsWith('h');
    const batcher = new IngestBatcher(
      ingest,
      () => QUIET_WINDOW_MS,
      new IntakeLog(memoryArea(), 'a'),
      (o) => !hooked(o),
      () => true,
    );
    batcher.add(obs('h1'));
    batcher.add(obs('other'));
    await vi.advanceTimersByTimeAsync(QUIET_WINDOW_MS);
    expect(batches).toEqual([{ ids: ['other'], pages: 0 }]);
    for (let wait = 2; wait <= MAX_WAITS; wait++) {
      await vi.advanceTimersByTimeAsync(QUIET_WINDOW_MS);
      expect(batches).toHaveLength(1);
    }
    batcher.add(obs('h2'));
    await vi.advanceTimersByTimeAsync(QUIET_WINDOW_MS);
    // h1 has waited its windows and goes now; h2 arrived in this window and waits in turn.
    expect(batches.at(-1)).toEqual({ ids: ['h1'], pages: 0 });
    await batcher.flush();
    expect(batches.at(-1)).toEqual({ ids: ['h2'], pages: 0 });
    await vi.advanceTimersByTimeAsync(QUIET_WINDOW_MS * (MAX_WAITS + 2));
    expect(batches).toHaveLength(3);
  });

  it('a relay batch takes the events waiting for it into its own window', async () => {
    const { IntakeLog } = await import('./intake-log');
    const { memoryArea } = await import('./test-area');
    const { batches, ingest } = recorder();
    const batcher = new IngestBatcher(
      ingest,
      () => QUIET_WINDOW_MS,
      new IntakeLog(memoryArea(), 'a'),
      (o) => o.source !== 'webRequest' || o.webRequestId !== 'h1',
      () => true,
    );
    batcher.add(obs('h1'));
    await vi.advanceTimersByTimeAsync(QUIET_WINDOW_MS);
    expect(batches).toEqual([]);
    void batcher.addAll([obs('relay')], []);
    await vi.advanceTimersByTimeAsync(QUIET_WINDOW_MS);
    expect(batches).toEqual([{ ids: ['h1', 'relay'], pages: 0 }]);
  });

  it('keeps the log when the write failed', async () => {
    const { area, batcher } = await logged(LOG_GROUP_MS * 2, true);
    batcher.add(obs('a'));
    await vi.advanceTimersByTimeAsync(LOG_GROUP_MS * 2);
    expect(area.items.size).toBe(1);
  });

  it('releases a replayed batch only after the commit that stored it', async () => {
    const { ingest } = recorder();
    const batcher = new IngestBatcher(ingest, () => 10);
    const release = vi.fn();
    void batcher.replay([obs('a')], [], release);
    await vi.advanceTimersByTimeAsync(9);
    expect(release).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(release).toHaveBeenCalledTimes(1);
  });
});
