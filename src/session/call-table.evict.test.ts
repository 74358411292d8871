import { describe, expect, it } from 'vitest';
import type { CapturedCall } from './call';
import type { Observation } from './observation';
import { CallTable, GHOSTS_KEPT, RECORD_OVERHEAD, storedBytes } from './call-table';
import type { Caps } from './call-table';
import { INTERACT, hook, only, replay, wr } from './test-observations';

describe('evict', () => {
  /** Calls numbered by seq (1 = oldest), in the given tabs. */
  function tableOf(tabs: number[]): CallTable {
    const table = new CallTable({ newId: () => 'unused' });
    tabs.forEach((tabId, i) => {
      const out = replay([wr('request', { tabId, webRequestId: `wr-${i + 1}` })])
        .calls[0] as CapturedCall;
      table.put({ ...out, id: `c${i + 1}`, seq: i + 1 });
    });
    return table;
  }
  const loose: Caps = { perTab: 1_000, total: 1_000, bytes: Number.MAX_SAFE_INTEGER };
  const oneKb = () => 1_024;

  it.each<[string, number[], Caps, string[]]>([
    ['nothing when under every cap', [1, 1, 2], loose, []],
    ['nothing when exactly at the caps', [1, 1, 2], { perTab: 2, total: 3, bytes: 3 * 1_024 }, []],
    [
      'per tab: the oldest of the busy tab only',
      [1, 1, 1, 1, 1, 2, 2],
      { ...loose, perTab: 3 },
      ['c1', 'c2'],
    ],
    ['per tab: interleaved tabs', [1, 2, 1, 2, 1, 1], { ...loose, perTab: 2 }, ['c1', 'c3']],
    ['per tab: several tabs over', [1, 2, 1, 2, 1, 2], { ...loose, perTab: 2 }, ['c1', 'c2']],
    ['total: oldest first whatever the tab', [2, 1, 1, 2, 1], { ...loose, total: 3 }, ['c1', 'c2']],
    [
      'bytes: oldest first until under',
      [1, 2, 1, 2],
      { ...loose, bytes: 2 * 1_024 + 10 },
      ['c1', 'c2'],
    ],
    [
      'per tab and total together evict no more than needed',
      [1, 1, 2, 2, 2, 2],
      { ...loose, perTab: 3, total: 4 },
      ['c1', 'c3'],
    ],
    ['all caps at zero evict everything', [1, 2], { perTab: 0, total: 0, bytes: 0 }, ['c1', 'c2']],
  ])('%s', (_name, tabs, caps, evicted) => {
    const table = tableOf(tabs);
    const before = table.all().map((c) => c.id);
    const out = table.evict(caps, oneKb);
    expect(out.map((c) => c.id)).toEqual(evicted);
    expect(table.all().map((c) => c.id)).toEqual(before.filter((id) => !evicted.includes(id)));
    const left = table.all();
    expect(left.length).toBeLessThanOrEqual(caps.total);
    expect(left.length * 1_024).toBeLessThanOrEqual(Math.max(caps.bytes, 0));
    for (const tabId of new Set(tabs)) {
      expect(left.filter((c) => c.tabId === tabId).length).toBeLessThanOrEqual(caps.perTab);
    }
  });

  it('uses the byte sizes it is given, oldest first', () => {
    const table = tableOf([1, 1, 1, 1]);
    const sizes: Record<string, number> = { c1: 10, c2: 500, c3: 20, c4: 30 };
    const out = table.evict({ ...loose, bytes: 60 }, (c) => sizes[c.id] ?? 0);
    expect(out.map((c) => c.id)).toEqual(['c1', 'c2']);
  });

  describe('late observations of an evicted call', () => {
    /** c1 (wr-1, tab 1, INTERACT) evicted; what does a later observation do? */
    function evictedOne(): CallTable {
      const table = tableOf([1]);
      expect(table.evict({ ...loose, total: 0 }, oneKb).map((c) => c.id)).toEqual(['c1']);
      return table;
    }
    const other = INTERACT.replace(/requestId=[^&]*/, 'requestId=another');

    it.each<[string, Observation[], number]>([
      ['its page-hook body is dropped, not made a new call', [hook('response')], 0],
      ['its own webRequest completion is dropped', [wr('completed')], 0],
      ['both, in either order', [wr('completed'), hook('request'), hook('response')], 0],
      [
        'a retry (a new webRequest attempt, same requestId) is a new call',
        [wr('request', { webRequestId: 'wr-2' })],
        1,
      ],
      [
        'a second hook attempt after the first joined the ghost is a new call',
        [hook('request'), hook('request', { hookId: 'f1:2' })],
        1,
      ],
      ['another call is a new call', [hook('request', { url: other })], 1],
    ])('%s', (_name, late, size) => {
      const table = evictedOne();
      for (const obs of late) table.apply(obs);
      expect(table.size).toBe(size);
    });

    it('only the newest GHOSTS_KEPT evicted calls are remembered', () => {
      const table = evictedOne();
      for (let i = 0; i < GHOSTS_KEPT; i++) {
        table.apply(wr('request', { webRequestId: `filler-${i}`, url: `${other}-${i}` }));
        table.evict({ ...loose, total: 0 }, oneKb);
      }
      // c1's ghost is gone: its late body starts a call again (bounded memory over a long session).
      expect(table.apply(hook('response'))?.created).toBe(true);
      // The newest ghost is still known.
      expect(
        table.apply(
          wr('completed', {
            webRequestId: `filler-${GHOSTS_KEPT - 1}`,
            url: `${other}-${GHOSTS_KEPT - 1}`,
          }),
        ),
      ).toBeUndefined();
    });
  });
});

describe('storedBytes', () => {
  it.each<[string, Partial<CapturedCall>, number]>([
    ['no bodies', {}, RECORD_OVERHEAD],
    [
      'both bodies',
      { request: { captured: true, size: 100 }, response: { captured: true, size: 50 } },
      RECORD_OVERHEAD + 150,
    ],
    [
      'a missing body costs nothing',
      {
        request: { captured: false, size: 100, missing: 'x' },
        response: { captured: true, size: 0 },
      },
      RECORD_OVERHEAD,
    ],
    [
      'a truncated body costs at most BODY_CAP',
      {
        request: { captured: true, size: 50 * 1024 * 1024, truncated: true },
        response: { captured: false },
      },
      RECORD_OVERHEAD + 2 * 1024 * 1024,
    ],
  ])('%s', (_name, over, expected) => {
    const base = only(replay([wr('request')]).calls);
    expect(storedBytes({ ...base, ...over })).toBe(expected);
  });
});
