// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest';
import type { GridRow } from './call-rows';
import { COLUMNS, RowPainter, type PaintContext, type PaintItem } from './row-painter';
import { makeCall, makePage } from './test-fixtures';

let parent: HTMLElement;
let painter: RowPainter;
beforeEach(() => {
  document.body.replaceChildren();
  parent = document.createElement('div');
  document.body.append(parent);
  painter = new RowPainter(parent);
});

const context = (over: Partial<PaintContext> = {}): PaintContext => ({
  selectedId: undefined,
  tabbableKey: undefined,
  expanded: new Set(),
  pages: new Map([['page-a', makePage('page-a')]]),
  ...over,
});

const callRow = (seq: number, over = {}): GridRow => {
  const call = makeCall(seq, over);
  return { kind: 'call', key: call.id, call };
};

/** Items in view: row i at index i, in slot `slots[i]` (slot i by default). */
const items = (rows: GridRow[], slots = rows.map((_, i) => i)): PaintItem[] =>
  rows.map((row, i) => ({ slot: slots[i] ?? i, index: i, start: i * 24, row }));

const cells = (row: Element | undefined) =>
  [...(row?.querySelectorAll('[role="gridcell"]') ?? [])].map((cell) => cell.textContent);

/** The mutations `run` made to the rows (attributes, text, children), counted. */
function mutations(run: () => void): number {
  const observer = new MutationObserver(() => undefined);
  observer.observe(parent, {
    subtree: true,
    childList: true,
    attributes: true,
    characterData: true,
  });
  run();
  const count = observer.takeRecords().length;
  observer.disconnect();
  return count;
}

describe('RowPainter', () => {
  it('writes a call row: a cell per column, its ARIA and its position', () => {
    painter.paint(
      items([callRow(1), callRow(2)]),
      context({ selectedId: 'call-2', tabbableKey: 'call-2' }),
    );
    const [first, second] = [...parent.children];
    expect(cells(first)).toHaveLength(COLUMNS.length);
    expect(cells(first)[1]).toBe('interact');
    expect(cells(first)[2]).toBe('web.webpagedetails.pageViews');
    expect(cells(first)[3]).toBe('ebebf826-a01f-4458-8cec-ef61de241c93');
    expect(cells(first)[4]).toBe('200');
    expect(cells(first)[9]).toBe('www.example.com/page-a');
    expect(first?.getAttribute('role')).toBe('row');
    expect(first?.getAttribute('aria-rowindex')).toBe('2');
    expect(first?.getAttribute('aria-selected')).toBe('false');
    expect(first?.getAttribute('tabindex')).toBe('-1');
    expect(second?.getAttribute('aria-selected')).toBe('true');
    expect(second?.getAttribute('tabindex')).toBe('0');
    expect(second?.getAttribute('class')).toBe('row call-row odd selected');
    expect((second as HTMLElement).style.transform).toBe('translateY(24px)');
  });

  it('says a failure in words and an icon, and counts the problems', () => {
    painter.paint(items([callRow(1, { status: 500, errorCount: 2, warningCount: 1 })]), context());
    const status = parent.querySelectorAll('[role="gridcell"]')[4];
    expect(status?.textContent).toBe('✖ failed 500 · 2 errors · 1 warning');
    expect(status?.querySelector('[aria-hidden="true"]')?.textContent).toBe('✖ ');
    expect(status?.querySelector('.problem-count')).not.toBeNull();
    expect(parent.firstElementChild?.getAttribute('data-failed')).toBe('true');
  });

  it('shows page data as text, never as markup', () => {
    const hostile = '<img src=x onerror=alert(1)>';
    painter.paint(
      items([callRow(1, { eventTypes: [hostile] }), { kind: 'page', key: 'p', label: hostile }]),
      context(),
    );
    expect(parent.querySelector('img')).toBeNull();
    expect(cells(parent.children[0])[2]).toBe(hostile);
    expect(parent.querySelector('[role="rowheader"]')?.textContent).toBe(hostile);
  });

  it('re-uses a slot for the next row it shows, and rewrites nothing that did not change', () => {
    const rows = [callRow(1), callRow(2)];
    painter.paint(items(rows), context());
    const first = parent.children[0];
    expect(mutations(() => painter.paint(items(rows), context()))).toBe(0);

    // Slot 0 now shows call 3: the same element, patched.
    painter.paint(items([callRow(3, { status: 204 }), rows[1] as GridRow]), context());
    expect(parent.children[0]).toBe(first);
    expect(first?.getAttribute('data-key')).toBe('call-3');
    expect(cells(first)[4]).toBe('204');
  });

  it('keeps the elements where they are when the slots are given in DOM order', () => {
    const rows = [callRow(1), callRow(2), callRow(3)];
    painter.paint(items(rows), context());
    const before = [...parent.children];
    // Scrolled by one: call 1 left, call 4 came into slot 0, which stays first in the DOM.
    const scrolled: PaintItem[] = [
      { slot: 0, index: 3, start: 72, row: callRow(4) },
      { slot: 1, index: 1, start: 24, row: rows[1] as GridRow },
      { slot: 2, index: 2, start: 48, row: rows[2] as GridRow },
    ];
    const records: MutationRecord[] = [];
    const observer = new MutationObserver(() => undefined);
    observer.observe(parent, { childList: true });
    painter.paint(scrolled, context());
    records.push(...observer.takeRecords());
    observer.disconnect();
    expect(records).toEqual([]);
    expect([...parent.children]).toEqual(before);

    // Settled: the order asked for is the visual one, and the elements move to it.
    painter.paint([scrolled[1], scrolled[2], scrolled[0]] as PaintItem[], context());
    expect([...parent.children].map((row) => row.getAttribute('data-key'))).toEqual([
      'call-2',
      'call-3',
      'call-4',
    ]);
    expect(parent.children).toHaveLength(3);
  });

  it('drops the slots no longer in view, and rebuilds a slot that shows another kind of row', () => {
    painter.paint(items([callRow(1), callRow(2)]), context());
    painter.paint(items([{ kind: 'page', key: 'p', label: 'www.example.com/next' }]), context());
    expect(parent.children).toHaveLength(1);
    const row = parent.children[0];
    expect(row?.getAttribute('data-kind')).toBe('page');
    expect(row?.querySelectorAll('[role="gridcell"]')).toHaveLength(0);
    expect(row?.querySelector('[role="rowheader"]')?.getAttribute('aria-colspan')).toBe(
      String(COLUMNS.length),
    );
  });

  it("gives a batch a disclosure, and writes its open events' rows", () => {
    const batch = callRow(1, {
      eventTypes: ['web.webpagedetails.pageViews', 'decisioning.propositionDisplay'],
    });
    painter.paint(items([batch]), context());
    const button = parent.querySelector('button.disclosure');
    expect(button?.getAttribute('aria-expanded')).toBe('false');
    expect(button?.getAttribute('aria-label')).toBe('Show the 2 events');
    expect(parent.children[0]?.getAttribute('aria-expanded')).toBe('false');

    const call = batch.kind === 'call' ? batch.call : makeCall(0);
    const event: GridRow = {
      kind: 'event',
      key: `${call.id}#event-1`,
      call,
      eventIndex: 1,
      eventType: 'decisioning.propositionDisplay',
    };
    painter.paint(items([batch, event]), context({ expanded: new Set([call.id]) }));
    expect(parent.querySelector('button.disclosure')?.getAttribute('aria-label')).toBe(
      'Hide the events',
    );
    expect(parent.children[0]?.getAttribute('aria-expanded')).toBe('true');
    const eventRow = parent.children[1];
    expect(eventRow?.getAttribute('data-call')).toBe(call.id);
    expect(cells(eventRow).slice(1, 3)).toEqual([
      'event 2 of 2',
      '#1 decisioning.propositionDisplay',
    ]);

    // The slot shows a single-event call next: no disclosure left behind.
    painter.paint(items([callRow(5)]), context());
    expect(parent.querySelector('button.disclosure')).toBeNull();
    expect(parent.children[0]?.hasAttribute('aria-expanded')).toBe(false);
  });
});
