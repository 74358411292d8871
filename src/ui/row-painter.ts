/**
 * The call grid's rows: what each column says (pure: `callRowTexts`, `cellTitle`), and the rows
 * written to the DOM directly rather than rendered by Preact.
 *
 * A scroll frame of 480 px brings about 20 rows into view. Rendered by Preact, each meant about
 * 30 new virtual nodes and their child arrays, kept until that row rendered again: 150 KB a frame,
 * most of it promoted to V8's old generation, so a 9–17 ms major GC every 27 frames, which set
 * the scroll's p95 (BENCHMARKS.md, "The scroll: rows painted without Preact (stop 17)"). Here a
 * row element is made once per slot (row-slots.ts) and then only patched: a text node's data, an
 * attribute, a transform, each only when it differs from what the slot shows.
 *
 * Everything shown is page data: it goes into text nodes and attributes, never markup.
 * The grid handles clicks and keys for all rows (CallGrid.tsx): the rows have no listeners.
 */
import { actionLabel } from '../edge/endpoint';
import { isFailure, statusLabel, type CapturedCall, type PageVisit } from '../session/call';
import { eventHandleTypes, isBatch, type GridRow } from './call-rows';
import { callSize, formatBytes, formatClock, formatDuration, shortUrl } from './format';
import { statusWords } from './StatusText';

export const COLUMNS = [
  'Time',
  'Action',
  'Event type(s)',
  'Datastream',
  'Status',
  'Handles',
  'Validation',
  'Duration',
  'Size',
  'Page',
] as const;

/**
 * The call's events against the plan: `✓` when none fails or warns, `✗ 2 · ⚠ 1` (events that fail,
 * events that only warn), or '' without a plan (or before the request body is known).
 */
export function validationText(call: Pick<CapturedCall, 'validation'>): string {
  const counts = call.validation?.counts;
  if (!counts || counts.events === 0) return '';
  const parts: string[] = [];
  if (counts.failed) parts.push(`✗ ${counts.failed}`);
  if (counts.warned) parts.push(`⚠ ${counts.warned}`);
  return parts.length ? parts.join(' · ') : '✓';
}

function validationTitle(call: Pick<CapturedCall, 'validation'>): string {
  const counts = call.validation?.counts;
  if (!counts || counts.events === 0) return '';
  return `${counts.events} ${counts.events === 1 ? 'event' : 'events'}: ${counts.failed} fail, ${counts.warned} warn only, ${counts.passed} pass (${call.validation?.plan ?? ''})`;
}

/** `1 error · 2 warnings`, or '' when the response had none (or is not known yet). */
export function problemCounts(call: Pick<CapturedCall, 'errorCount' | 'warningCount'>): string {
  const parts: string[] = [];
  const errors = call.errorCount ?? 0;
  const warnings = call.warningCount ?? 0;
  if (errors) parts.push(`${errors} ${errors === 1 ? 'error' : 'errors'}`);
  if (warnings) parts.push(`${warnings} ${warnings === 1 ? 'warning' : 'warnings'}`);
  return parts.join(' · ');
}

/**
 * The tooltip of a call row's cell (by column): the whole of what the cell may cut short, and
 * for the time, status, validation and page cells more than they show.
 */
export function cellTitle(
  call: CapturedCall,
  page: PageVisit | undefined,
  column: number,
  text: string,
): string {
  switch (COLUMNS[column]) {
    case 'Time':
      return new Date(call.startedAt).toISOString();
    case 'Status': {
      const counts = problemCounts(call);
      return counts ? `${statusLabel(call)} · ${counts}` : statusLabel(call);
    }
    case 'Validation':
      return validationTitle(call);
    case 'Page':
      return page?.url ?? call.documentUrl ?? '';
    default:
      return text;
  }
}

/**
 * The text of each column of a call row but Event type(s) and Status, which have their own
 * parts (`statusParts`, `eventTypeParts`): the same order as COLUMNS, with '' in those two places.
 */
export function callRowTexts(call: CapturedCall, page: PageVisit | undefined): string[] {
  const pageUrl = page?.url ?? call.documentUrl ?? '';
  return [
    formatClock(call.startedAt),
    call.resendOf ? `${actionLabel(call.endpoint)} · resend` : actionLabel(call.endpoint),
    '',
    call.override
      ? `${call.override.datastreamId} → ${call.override.to} (override)`
      : (call.endpoint.datastreamId ?? ''),
    '',
    call.handleTypes?.join(', ') ?? '',
    validationText(call),
    call.state === 'pending' ? '…' : formatDuration(call.durationMs),
    formatBytes(callSize(call)),
    pageUrl ? shortUrl(pageUrl) : '',
  ];
}

export interface PaintItem {
  /** The row element this row is shown in (row-slots.ts). */
  slot: number;
  /** Index among the grid's body rows (0-based). */
  index: number;
  /** Offset from the top of the scrolled body, in px. */
  start: number;
  row: GridRow;
}

export interface PaintContext {
  selectedId: string | undefined;
  /** The row in the tab order (roving tabindex). */
  tabbableKey: string | undefined;
  /** Batches the user opened, by call id. */
  expanded: ReadonlySet<string>;
  pages: ReadonlyMap<string, PageVisit>;
}

/** A slot's element and what it shows now, to change only what differs. */
interface Slot {
  el: HTMLElement;
  kind: GridRow['kind'];
  /** The text node of each cell (call and event rows), and its text now. */
  texts: Text[];
  shown: string[];
  /** What the row's content was made from (skip it all when nothing changed). */
  row?: GridRow;
  page?: PageVisit;
  /** What the Status and Event type(s) cells' parts say (rebuilt only when it changes). */
  statusKey?: string;
  eventKey?: string;
  expanded?: boolean;
  /** Attributes and position as last written. */
  attrs: Map<string, string | undefined>;
  start?: number;
}

type MoveBefore = (node: Node, child: Node | null) => void;

/** Moves keep the focus with `moveBefore` (Chromium 133+, Firefox 144+); inserting loses it. */
function place(parent: HTMLElement, el: HTMLElement, before: Element | null): void {
  const move = (parent as unknown as { moveBefore?: MoveBefore }).moveBefore;
  if (move && el.parentNode === parent) move.call(parent, el, before);
  else parent.insertBefore(el, before);
}

function element(tag: string, attrs: Record<string, string>, ...children: (Node | string)[]) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) el.setAttribute(name, value);
  el.append(...children);
  return el;
}

/** A row of `cells` grid cells, each with one text node. */
function rowOf(kind: GridRow['kind'], cells: number): Slot {
  const el = element('div', { role: 'row' });
  const texts: Text[] = [];
  for (let i = 0; i < cells; i++) {
    const text = document.createTextNode('');
    texts.push(text);
    el.append(element('div', { role: 'gridcell', class: 'cell' }, text));
  }
  return { el, kind, texts, shown: texts.map(() => ''), attrs: new Map() };
}

function newSlot(kind: GridRow['kind']): Slot {
  if (kind === 'call') return rowOf(kind, COLUMNS.length);
  if (kind === 'event') return rowOf(kind, COLUMNS.length - 1);
  // A row header, not a gridcell: it names the run of calls below, and it keeps "rows with a
  // gridcell" meaning "call rows" (plus the event rows of a batch the user opened).
  const text = document.createTextNode('');
  const header = element(
    'div',
    { role: 'rowheader', 'aria-colspan': String(COLUMNS.length), class: 'cell' },
    text,
  );
  return {
    el: element('div', { role: 'row' }, header),
    kind,
    texts: [text],
    shown: [''],
    attrs: new Map(),
  };
}

function setText(slot: Slot, i: number, text: string): void {
  if (slot.shown[i] === text) return;
  slot.shown[i] = text;
  (slot.texts[i] as Text).data = text;
}

function setAttr(slot: Slot, name: string, value: string | undefined): void {
  if (slot.attrs.get(name) === value) return;
  slot.attrs.set(name, value);
  if (value === undefined) slot.el.removeAttribute(name);
  else slot.el.setAttribute(name, value);
}

/** The cell of `column` in a call row, emptied of what follows its text node. */
function partsCell(slot: Slot, column: number): HTMLElement {
  const cell = slot.el.children[column] as HTMLElement;
  while (cell.lastChild && cell.lastChild !== slot.texts[column]) cell.lastChild.remove();
  return cell;
}

/** Status: the label (with an icon and the word "failed" for failures), then problem counts. */
function statusParts(slot: Slot, call: CapturedCall): void {
  const { label, failed, className, word } = statusWords(call);
  const counts = problemCounts(call);
  const errors = Boolean(call.errorCount);
  const key = `${className}|${errors}|${label}|${counts}`;
  if (slot.statusKey === key) return;
  slot.statusKey = key;
  const cell = partsCell(slot, 4);
  // The cell's own text node stays empty; the parts follow it (as StatusText renders them).
  const status = element('span', { class: className });
  if (failed) status.append(element('span', { 'aria-hidden': 'true' }, '✖ '));
  if (word) status.append(element('span', { class: 'visually-hidden' }, word));
  status.append(label);
  cell.append(status);
  if (counts)
    cell.append(
      element('span', { class: errors ? 'problem-count' : 'warning-count' }, ` · ${counts}`),
    );
}

/** Event type(s): a batch has a disclosure (out of the tab order: Right and Left open it). */
function eventTypeParts(slot: Slot, call: CapturedCall, expanded: boolean): void {
  const types = call.eventTypes ?? [];
  const batch = isBatch(call);
  const text = batch ? ` ${types.length} events: ${types.join(', ')}` : types.join(', ');
  setText(slot, 2, text);
  const key = batch ? `${expanded}|${types.length}` : '';
  if (slot.eventKey === key) return;
  slot.eventKey = key;
  const cell = slot.el.children[2] as HTMLElement;
  cell.classList.toggle('event-cell', batch);
  while (cell.firstChild && cell.firstChild !== slot.texts[2]) cell.firstChild.remove();
  if (!batch) return;
  const button = element(
    'button',
    {
      type: 'button',
      class: 'disclosure',
      tabindex: '-1',
      'aria-expanded': String(expanded),
      'aria-label': expanded ? 'Hide the events' : `Show the ${types.length} events`,
    },
    expanded ? '▾' : '▸',
  );
  cell.insertBefore(button, slot.texts[2] as Text);
}

function paintCall(slot: Slot, item: PaintItem, call: CapturedCall, context: PaintContext): void {
  const page = call.pageId !== undefined ? context.pages.get(call.pageId) : undefined;
  const expanded = context.expanded.has(call.id);
  const batch = isBatch(call);
  const failed = isFailure(call);
  const selected = call.id === context.selectedId;
  setAttr(slot, 'aria-selected', String(selected));
  setAttr(slot, 'aria-expanded', batch ? String(expanded) : undefined);
  setAttr(slot, 'tabindex', call.id === context.tabbableKey ? '0' : '-1');
  setAttr(slot, 'data-key', call.id);
  setAttr(slot, 'data-failed', failed ? 'true' : undefined);
  setAttr(
    slot,
    'class',
    `row call-row${item.index % 2 ? ' odd' : ''}${selected ? ' selected' : ''}${failed ? ' failed' : ''}`,
  );
  const changed = slot.row !== item.row || slot.page !== page;
  if (changed || slot.expanded !== expanded) eventTypeParts(slot, call, expanded);
  slot.expanded = expanded;
  if (!changed) return;
  slot.row = item.row;
  slot.page = page;
  const texts = callRowTexts(call, page);
  for (let i = 0; i < texts.length; i++) if (i !== 2 && i !== 4) setText(slot, i, texts[i] ?? '');
  statusParts(slot, call);
}

function paintEvent(
  slot: Slot,
  item: PaintItem,
  row: Extract<GridRow, { kind: 'event' }>,
  context: PaintContext,
): void {
  setAttr(slot, 'data-kind', 'event');
  setAttr(slot, 'data-call', row.call.id);
  setAttr(slot, 'class', `row event-row${row.call.id === context.selectedId ? ' selected' : ''}`);
  if (slot.row === row) return;
  slot.row = row;
  const count = row.call.eventTypes?.length ?? 0;
  setText(slot, 1, `event ${row.eventIndex + 1} of ${count}`);
  setText(slot, 2, `#${row.eventIndex} ${row.eventType}`);
  setText(slot, 5, eventHandleTypes(row.call, row.eventIndex).join(', '));
}

function paintPage(slot: Slot, row: Extract<GridRow, { kind: 'page' }>): void {
  setAttr(slot, 'data-kind', 'page');
  setAttr(slot, 'class', 'row page-row');
  setText(slot, 0, row.label);
}

/** Writes each row into its slot's element, and the elements in the order given. */
export class RowPainter {
  private readonly slots = new Map<number, Slot>();

  constructor(private readonly parent: HTMLElement) {}

  /** `items` in DOM order: row-slots.ts keeps the elements in place while scrolling. */
  paint(items: readonly PaintItem[], context: PaintContext): void {
    const wanted = new Set<number>();
    for (const item of items) wanted.add(item.slot);
    for (const [number, slot] of this.slots)
      if (!wanted.has(number)) {
        slot.el.remove();
        this.slots.delete(number);
      }
    let cursor = this.parent.firstElementChild;
    for (const item of items) {
      let slot = this.slots.get(item.slot);
      if (slot?.kind !== item.row.kind) {
        const made = newSlot(item.row.kind);
        if (slot) slot.el.replaceWith(made.el);
        if (cursor === slot?.el) cursor = made.el;
        slot = made;
        this.slots.set(item.slot, slot);
      }
      setAttr(slot, 'aria-rowindex', String(item.index + 2));
      if (slot.start !== item.start) {
        slot.start = item.start;
        slot.el.style.transform = `translateY(${item.start}px)`;
      }
      const { row } = item;
      if (row.kind === 'call') paintCall(slot, item, row.call, context);
      else if (row.kind === 'event') paintEvent(slot, item, row, context);
      else paintPage(slot, row);
      if (slot.el === cursor) cursor = cursor.nextElementSibling;
      else place(this.parent, slot.el, cursor);
    }
  }
}
