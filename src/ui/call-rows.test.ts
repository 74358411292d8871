import { describe, expect, test } from 'vitest';
import type { CapturedCall, PageVisit } from '../session/call';
import {
  buildRows,
  eventHandleTypes,
  isBatch,
  latestPageByTab,
  matchesFilter,
  onLatestPage,
  withEventRows,
  type ListRow,
} from './call-rows';
import { edgeUrl, makeCall, makePage } from './test-fixtures';

const T0 = Date.UTC(2026, 10, 25, 1, 45, 0);
const pageA = makePage('page-a', { startedAt: T0 });
const pageB = makePage('page-b', { startedAt: T0 + 60_000 });
const pageOther = makePage('page-x', { tabId: 9, startedAt: T0 });
const pages = new Map<string, PageVisit>([pageA, pageB, pageOther].map((page) => [page.id, page]));

function labels(rows: ListRow[]): string[] {
  return rows.map((row) => (row.kind === 'page' ? row.label : row.call.id));
}

describe('matchesFilter', () => {
  const call = makeCall(1, {
    url: edgeUrl('privacy/set-consent'),
    status: 207,
    eventTypes: ['commerce.purchases', 'web.webinteraction.linkClicks'],
    handleTypes: ['state:store', 'personalization:decisions'],
  });
  test.each([
    ['', true],
    ['set-consent', true],
    ['SET-CONSENT', true],
    ['purchases', true],
    ['207', true],
    ['ebebf826', true],
    ['page-a', true],
    ['WWW.EXAMPLE.COM/PAGE-A', true],
    ['-page-a', false],
    ['purchases page-a', true],
    ['purchases -page-a', false],
    ['consent purchases', true],
    ['consent media', false],
    ['-purchases', false],
    ['-media', true],
    ['-', true],
    ['personalization:decisions', true],
    ['-state:store', false],
  ])('%j → %s', (filter, want) => {
    expect(matchesFilter(call, filter, pages)).toBe(want);
  });
});

describe('latest page per tab', () => {
  const latest = latestPageByTab(pages.values());
  test('picks the newest page of each tab', () => {
    expect(latest.get(7)?.id).toBe('page-b');
    expect(latest.get(9)?.id).toBe('page-x');
  });
  test.each<[string, Partial<CapturedCall>, boolean]>([
    ['on the latest page', { pageId: 'page-b' }, true],
    ['on an older page', { pageId: 'page-a' }, false],
    ['no page, started after the latest', { pageId: undefined, startedAt: T0 + 61_000 }, true],
    ['no page, started before the latest', { pageId: undefined, startedAt: T0 + 1_000 }, false],
    ['a tab with no known page', { tabId: 3, pageId: undefined }, true],
    ['not from a tab', { tabId: -1, pageId: undefined }, true],
  ])('%s', (_name, overrides, want) => {
    expect(onLatestPage(makeCall(1, overrides), latest)).toBe(want);
  });
});

describe('buildRows', () => {
  const calls = [
    makeCall(1, { pageId: 'page-a' }),
    makeCall(2, { pageId: 'page-a' }),
    makeCall(3, { pageId: 'page-b' }),
    makeCall(4, { pageId: 'page-x', tabId: 9 }),
    makeCall(5, { pageId: 'page-b', url: edgeUrl('collect') }),
  ];
  test.each<{
    name: string;
    calls: CapturedCall[];
    filter?: string;
    preserveLog?: boolean;
    want: string[];
  }>([
    {
      name: 'separators open each run of one page',
      calls,
      want: [
        'Page: https://www.example.com/page-a',
        'call-1',
        'call-2',
        'Page: https://www.example.com/page-b',
        'call-3',
        'Page: https://www.example.com/page-x',
        'call-4',
        'Page: https://www.example.com/page-b',
        'call-5',
      ],
    },
    { name: 'one page: no separator', calls: calls.slice(0, 2), want: ['call-1', 'call-2'] },
    {
      name: 'preserve log off: latest page of each tab, no separators',
      calls,
      preserveLog: false,
      want: ['call-3', 'call-4', 'call-5'],
    },
    { name: 'filter narrows, separators follow', calls, filter: 'collect', want: ['call-5'] },
    {
      name: 'unknown page and no tab',
      calls: [
        makeCall(1, { pageId: undefined, documentUrl: 'https://a.example/' }),
        makeCall(2, { tabId: -1, pageId: undefined }),
      ],
      want: ['Page: https://a.example/', 'call-1', 'Not from a tab', 'call-2'],
    },
  ])('$name', ({ calls: input, filter = '', preserveLog = true, want }) => {
    const rows = buildRows(input, pages, { filter, preserveLog });
    expect(labels(rows)).toEqual(want);
    expect(new Set(rows.map((row) => row.key)).size).toBe(rows.length);
  });

  // Their speed is measured by `npm run bench` (the viewer at 10,000 calls): tests never time.
  test('10,000 calls build, under their two pages', () => {
    const many = Array.from({ length: 10_000 }, (_, i) =>
      makeCall(i, { pageId: i < 5000 ? 'page-a' : 'page-b' }),
    );
    const rows = buildRows(many, pages, { filter: 'pageviews', preserveLog: true });
    expect(rows).toHaveLength(10_002);
    expect(new Set(rows.map((row) => row.key)).size).toBe(rows.length);
  });
});

describe('batches: one row per event when opened', () => {
  const batch = makeCall(1, {
    eventTypes: ['a.one', 'a.two', 'a.three'],
    eventHandleTypes: [{ eventIndex: 1, handleTypes: ['personalization:decisions'] }],
  });
  const single = makeCall(2);
  const rows = buildRows([batch, single], pages, { filter: '', preserveLog: true });

  test('a batch is a call with more than one event', () => {
    expect(isBatch(batch)).toBe(true);
    expect(isBatch(single)).toBe(false);
    expect(isBatch(makeCall(3, { eventTypes: undefined }))).toBe(false);
  });

  test('closed, the rows are the calls', () => {
    expect(withEventRows(rows, new Set())).toBe(rows);
  });

  test('opened, each event follows its call with a unique key', () => {
    const grid = withEventRows(rows, new Set(['call-1', 'call-2']));
    expect(grid.map((row) => row.key)).toEqual([
      'call-1',
      'call-1#event-0',
      'call-1#event-1',
      'call-1#event-2',
      'call-2',
    ]);
    expect(grid[2]).toMatchObject({ kind: 'event', eventIndex: 1, eventType: 'a.two' });
  });

  test('handle types per event', () => {
    expect(eventHandleTypes(batch, 1)).toEqual(['personalization:decisions']);
    expect(eventHandleTypes(batch, 0)).toEqual([]);
  });
});
