/**
 * The call list: an ARIA grid (header row + one row per call, page separators between pages),
 * virtualised so 10,000 rows stay fast. Only the rows in view exist in the DOM, so aria-rowcount
 * and aria-rowindex tell assistive technology the real size and position. Keyboard: Up/Down,
 * Home/End, PageUp/PageDown move the selection; Enter/Space select; Escape closes the details
 * (the keys are in keymap.ts, context `list`; the viewer's own keys, such as j/k, in `viewer`).
 * One row is in the tab order at a time (roving tabindex). A call with several events (a batch)
 * opens with Right (or its disclosure) into one row per event, and closes with Left.
 */
import { useCallback, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import './call-grid.css';
import { isBatch, withEventRows } from './call-rows';
import { hoverTitles } from './hover-title';
import { keyAction } from './keymap';
import { cellTitle, COLUMNS, RowPainter, type PaintItem } from './row-painter';
import { useSlottedItems, useVirtualizer } from './use-virtualizer';
import type { ViewerModel } from './viewer-model';

/** Fixed row height (px): no measuring, so scrolling 10,000 rows costs nothing per row. */
export const ROW_HEIGHT = 24;
const PAGE_ROWS = 10;
const rowSize = () => ROW_HEIGHT;

/** The list's moves, by keymap action (keymap.ts, context `list`). */
const MOVES: Record<string, number | 'first' | 'last'> = {
  down: 1,
  up: -1,
  'page-down': PAGE_ROWS,
  'page-up': -PAGE_ROWS,
  first: 'first',
  last: 'last',
};

export function CallGrid({ model }: { model: ViewerModel }) {
  const listRows = model.rows.value;
  /** Batches the user opened, by call id. */
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(() => new Set());
  const rows = useMemo(() => withEventRows(listRows, expanded), [listRows, expanded]);
  const selectedId = model.selectedId.value;
  const pages = model.pages.value;
  const bodyRef = useRef<HTMLDivElement>(null);
  const getScrollElement = useCallback(() => bodyRef.current, []);
  const headRef = useRef<HTMLDivElement>(null);
  /** Row to focus once it is rendered (after a keyboard move scrolled it into view). */
  const focusKey = useRef<string | undefined>(undefined);
  /** A batch just opened: keep it and its event rows in view. */
  const openedKey = useRef<string | undefined>(undefined);

  // The same function while the rows are the same: the virtualizer lays out every row again
  // (and allocates for it) whenever `getItemKey` is a new function, which was every scroll frame.
  const getItemKey = useCallback((index: number) => rows[index]?.key ?? index, [rows]);
  const virtualizer = useVirtualizer<HTMLDivElement, HTMLDivElement>({
    count: rows.length,
    getScrollElement,
    estimateSize: rowSize,
    getItemKey,
    // Rows beyond the view: each costs as much to build as a visible one, and a keystroke in the
    // filter or the first snapshot builds all of them at once (20 a side made it 68 rows).
    overscan: 8,
    // Like a network panel: stay at the newest call while the user is at the bottom.
    anchorTo: 'end',
    followOnAppend: true,
  });

  const items = virtualizer.getVirtualItems();
  const slotted = useSlottedItems(virtualizer);
  const rendered = items.map((item) => rows[item.index]);
  const tabbableKey =
    selectedId !== undefined && rendered.some((row) => row?.key === selectedId)
      ? selectedId
      : rendered.find((row) => row?.kind === 'call')?.key;

  // The rows are written by the painter, not rendered (row-painter.ts), before the focus effects
  // below look at them.
  const spacerRef = useRef<HTMLDivElement>(null);
  const painter = useRef<RowPainter | undefined>(undefined);
  useLayoutEffect(() => {
    const spacer = spacerRef.current;
    if (!spacer) return;
    painter.current ??= new RowPainter(spacer);
    const paint: PaintItem[] = [];
    for (const { item, slot } of slotted) {
      const row = rows[item.index];
      if (row) paint.push({ slot, index: item.index, start: item.start, row });
    }
    painter.current.paint(paint, { selectedId, tabbableKey, expanded, pages });
  });

  /**
   * The call whose row has the focus. Row elements are re-used (row-slots.ts): a focused row that
   * scrolls away lends its element to another call, which must not look focused.
   */
  const focusedKey = useRef<string | undefined>(undefined);
  useLayoutEffect(() => {
    const body = bodyRef.current;
    const active = document.activeElement as HTMLElement | null;
    const key = focusedKey.current;
    if (!body || key === undefined) return;
    const row = active && body.contains(active) ? active.closest<HTMLElement>('[data-key]') : null;
    if (row && row.dataset.key !== key) {
      // Its element shows another call now: as if the row had left, like any row out of view.
      active?.blur();
      focusedKey.current = undefined;
    }
  });

  /** The focus was asked for (the `l` key, Enter in the filter): take it from wherever it is. */
  const forceFocus = useRef(false);

  useLayoutEffect(() => {
    const key = focusKey.current;
    const body = bodyRef.current;
    if (key === undefined || !body) return;
    // Only while the keyboard is still here: never pull focus from the filter or the details.
    const active = document.activeElement;
    if (!forceFocus.current && active && active !== document.body && !body.contains(active)) {
      focusKey.current = undefined;
      return;
    }
    const element = body.querySelector<HTMLElement>(`[data-key="${CSS.escape(key)}"]`);
    if (element) {
      element.focus({ preventScroll: true });
      focusKey.current = undefined;
      forceFocus.current = false;
    }
  });

  // The viewer's keys move the selection from outside the list (j/k) or send the focus here (l):
  // show the selected call (or the first one), and focus it when asked.
  const request = model.listRequest.value;
  useLayoutEffect(() => {
    if (request.count === 0) return;
    const wanted = request.id ?? model.selectedId.peek();
    const id = rows.some((row) => row.key === wanted)
      ? wanted
      : rows.find((row) => row.kind === 'call')?.key;
    const index = rows.findIndex((row) => row.key === id);
    if (id === undefined || index < 0) return;
    virtualizer.scrollToIndex(index, { align: 'auto' });
    if (request.focus) {
      forceFocus.current = true;
      focusKey.current = id;
      // The row may be rendered already: the layout effect above has run, so focus it now.
      bodyRef.current?.querySelector<HTMLElement>(`[data-key="${CSS.escape(id)}"]`)?.focus({
        preventScroll: true,
      });
      if (bodyRef.current?.contains(document.activeElement)) {
        focusKey.current = undefined;
        forceFocus.current = false;
      }
    }
  }, [request]);

  function reveal(id: string | undefined, upward: boolean): void {
    if (id === undefined) return;
    const index = rows.findIndex((row) => row.key === id);
    // Going up onto the first call of a page, show that page's separator too.
    const target = upward && rows[index - 1]?.kind === 'page' ? index - 1 : index;
    if (index >= 0) virtualizer.scrollToIndex(target, { align: 'auto' });
    focusKey.current = id;
  }

  useLayoutEffect(() => {
    const key = openedKey.current;
    if (key === undefined) return;
    openedKey.current = undefined;
    const index = rows.findIndex((row) => row.key === key);
    if (index < 0) return;
    let last = index;
    for (let next = rows[last + 1]; next?.kind === 'event' && next.call.id === key;)
      next = rows[++last + 1];
    // Opening the last call at the bottom would follow the new rows down and hide the call:
    // show the whole batch when it fits, else the call at the top.
    const height = virtualizer.scrollRect?.height ?? 0;
    if ((last - index + 1) * ROW_HEIGHT <= height)
      virtualizer.scrollToIndex(last, { align: 'auto' });
    else virtualizer.scrollToIndex(index, { align: 'start' });
  });

  function toggle(id: string, open?: boolean): void {
    setExpanded((current) => {
      const isOpen = current.has(id);
      if (open === isOpen) return current;
      const next = new Set(current);
      if (isOpen) next.delete(id);
      else {
        next.add(id);
        openedKey.current = id;
      }
      return next;
    });
  }

  /** The rows have no listeners of their own: a click selects its row's call, or opens a batch. */
  function onClick(event: MouseEvent): void {
    const target = event.target as Element | null;
    const row = target?.closest<HTMLElement>('[role="row"]');
    if (!row) return;
    if (target?.closest('button.disclosure') && row.dataset.key !== undefined) {
      toggle(row.dataset.key);
      return;
    }
    const id = row.dataset.key ?? row.dataset.call;
    if (id !== undefined) model.select(id);
  }

  function onKeyDown(event: KeyboardEvent): void {
    const target = event.target as HTMLElement | null;
    const key = target?.closest<HTMLElement>('[data-key]')?.dataset.key;
    const action = keyAction('list', event)?.action;
    if (action === undefined) return;
    if ((action === 'expand' || action === 'collapse') && key !== undefined) {
      const row = rows.find((r) => r.key === key);
      if (row?.kind === 'call' && isBatch(row.call)) {
        event.preventDefault();
        toggle(key, action === 'expand');
      }
      return;
    }
    const move = MOVES[action];
    if (move !== undefined) {
      event.preventDefault();
      const upward = move === 'first' || (typeof move === 'number' && move < 0);
      reveal(model.moveSelection(move, key ?? model.selectedId.peek()), upward);
      return;
    }
    if (action === 'open' && key !== undefined) {
      event.preventDefault();
      model.select(key);
    } else if (action === 'close' && model.selectedId.peek() !== undefined) {
      event.preventDefault();
      // Not on to the document, where DevTools would take the Escape too (dialog-keys.ts).
      event.stopPropagation();
      model.select(undefined);
    }
  }

  /** A cell's tooltip: its call's (`cellTitle`) in a call row, else its text. */
  const titles = hoverTitles('[role="gridcell"], [role="rowheader"]', (cell) => {
    const text = cell.textContent ?? '';
    const rowElement = cell.parentElement;
    const row = rows[Number(rowElement?.getAttribute('aria-rowindex')) - 2];
    if (!rowElement || row?.kind !== 'call') return text;
    const page = row.call.pageId !== undefined ? pages.get(row.call.pageId) : undefined;
    return cellTitle(row.call, page, [...rowElement.children].indexOf(cell), text);
  });

  return (
    <div
      role="grid"
      aria-label="Edge calls"
      aria-rowcount={rows.length + 1}
      aria-colcount={COLUMNS.length}
      class="call-grid"
    >
      <div role="rowgroup" class="grid-head" ref={headRef}>
        <div role="row" aria-rowindex={1} class="row head-row">
          {COLUMNS.map((name) => (
            <div role="columnheader" class="cell" key={name} title={name}>
              {name}
            </div>
          ))}
        </div>
      </div>
      <div
        role="rowgroup"
        class="grid-body"
        ref={bodyRef}
        onKeyDown={onKeyDown}
        onClick={onClick}
        onFocusIn={(event) => {
          focusedKey.current = (event.target as Element | null)?.closest<HTMLElement>('[data-key]')
            ?.dataset.key;
        }}
        {...titles}
        onScroll={(event) => {
          // The header scrolls sideways with the body in a narrow panel. Written only when it
          // moved: a vertical scroll (every frame of one) would otherwise write it each time.
          const left = event.currentTarget.scrollLeft;
          if (headRef.current && headRef.current.scrollLeft !== left)
            headRef.current.scrollLeft = left;
        }}
      >
        <div
          role="none"
          class="grid-spacer"
          ref={spacerRef}
          style={{ height: `${virtualizer.getTotalSize()}px` }}
        />
      </div>
    </div>
  );
}
