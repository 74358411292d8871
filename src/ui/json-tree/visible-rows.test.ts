import { describe, expect, it } from 'vitest';
import { initialExpansion, PAGE_SIZE, visibleRows, type TreeRow } from './visible-rows';

const body = {
  events: [
    {
      xdm: { eventType: 'web.webpagedetails.pageViews', web: { webPageDetails: { name: 'home' } } },
    },
  ],
  meta: { state: { domain: 'example.com' } },
};

const ids = (rows: TreeRow[]) => rows.map((row) => row.id);

/** `{a: {a: {a: … 'leaf'}}}` nested `depth` levels. */
function nested(depth: number): unknown {
  let value: unknown = 'leaf';
  for (let i = 0; i < depth; i++) value = { a: value };
  return value;
}

describe('visibleRows', () => {
  it('shows the root only when nothing is open', () => {
    const rows = visibleRows(body, { expanded: new Set(), shown: new Map() });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ kind: 'node', id: '', level: 1, count: 2, expanded: false });
  });

  it('lists open containers in document order with level, position and set size', () => {
    const rows = visibleRows(body, {
      expanded: new Set(['', '.events', '.events[0]']),
      shown: new Map(),
    });
    expect(ids(rows)).toEqual(['', '.events', '.events[0]', '.events[0].xdm', '.meta']);
    expect(rows[3]).toMatchObject({ level: 4, posinset: 1, setsize: 1, parentId: '.events[0]' });
    expect(rows[4]).toMatchObject({ level: 2, posinset: 2, setsize: 2, key: 'meta' });
  });

  it('pages long arrays and shows more on request', () => {
    const long = Array.from({ length: 250 }, (_, i) => i);
    const first = visibleRows(long, { expanded: new Set(['']), shown: new Map() });
    expect(first).toHaveLength(1 + PAGE_SIZE + 1);
    expect(first.at(-1)).toMatchObject({ kind: 'more', shown: 100, total: 250, parentId: '' });
    const more = visibleRows(long, { expanded: new Set(['']), shown: new Map([['', 200]]) });
    expect(more).toHaveLength(1 + 200 + 1);
    const all = visibleRows(long, { expanded: new Set(['']), shown: new Map([['', 300]]) });
    expect(all.filter((row) => row.kind === 'more')).toHaveLength(0);
  });

  it('shows pinned children beyond the page after the "more" item', () => {
    const long = Array.from({ length: 250 }, (_, i) => i);
    const rows = visibleRows(long, {
      expanded: new Set(['']),
      shown: new Map(),
      pinned: new Map([['', [5, 180, 249]]]),
    });
    expect(ids(rows.slice(-3))).toEqual(['#more', '[180]', '[249]']);
    expect(rows.at(-1)).toMatchObject({ posinset: 250, setsize: 250 });
  });

  it('reads __proto__ as an own key, never the prototype', () => {
    const value = JSON.parse('{"__proto__": {"polluted": true}, "constructor": 1}') as unknown;
    const rows = visibleRows(value, { expanded: new Set(['', '.__proto__']), shown: new Map() });
    expect(ids(rows)).toEqual(['', '.__proto__', '.__proto__.polluted', '.constructor']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('walks 200 levels (and 20,000) without recursion', () => {
    for (const depth of [200, 20_000]) {
      const value = nested(depth);
      const expanded = new Set<string>();
      let id = '';
      for (let i = 0; i < depth; i++) {
        expanded.add(id);
        id += '.a';
      }
      const rows = visibleRows(value, { expanded, shown: new Map() });
      expect(rows).toHaveLength(depth + 1);
      expect(rows.at(-1)).toMatchObject({ level: depth + 1, value: 'leaf' });
    }
  });
});

describe('initialExpansion', () => {
  it('opens a small body to the given depth', () => {
    const open = initialExpansion(body, { depth: 3 });
    expect([...open]).toEqual(['', '.events', '.meta', '.events[0]', '.meta.state']);
  });

  it('opens XDM down to the page name at depth 3', () => {
    const xdm = body.events[0]?.xdm;
    const rows = visibleRows(xdm, { expanded: initialExpansion(xdm), shown: new Map() });
    expect(ids(rows)).toContain('.web.webPageDetails.name');
  });

  it('keeps a huge body within the budget', () => {
    const huge = Array.from({ length: 50_000 }, (_, i) => ({ id: i, tags: ['a', 'b'] }));
    const open = initialExpansion(huge, { depth: 3, budget: 300 });
    const rows = visibleRows(huge, { expanded: open, shown: new Map() });
    expect(open.has('')).toBe(true);
    expect(rows.length).toBeLessThanOrEqual(300);
  });

  it('stops at the depth however deep the value is', () => {
    expect(initialExpansion(nested(200), { depth: 2 }).size).toBe(2);
  });
});
