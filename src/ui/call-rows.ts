/**
 * The call list, pure: the `seq`-ordered list of calls the viewer model keeps (upserts by id,
 * binary search by seq), and the rows derived from it and the pages: the text filter, the
 * "Preserve log" view (latest page of each tab) and the page separators.
 */
import { actionLabel } from '../edge/endpoint';
import { statusLabel, type CapturedCall, type PageVisit } from '../session/call';

export type ListRow =
  | { kind: 'page'; key: string; label: string; page?: PageVisit }
  | { kind: 'call'; key: string; call: CapturedCall };

/** One event of an expanded batch, shown under its call (the grid adds these, not the model). */
export interface EventRow {
  kind: 'event';
  key: string;
  call: CapturedCall;
  eventIndex: number;
  eventType: string;
}

export type GridRow = ListRow | EventRow;

export interface RowOptions {
  filter: string;
  preserveLog: boolean;
}

/** The latest PageVisit (by start time) of each tab. */
export function latestPageByTab(pages: Iterable<PageVisit>): Map<number, PageVisit> {
  const latest = new Map<number, PageVisit>();
  for (const page of pages) {
    const current = latest.get(page.tabId);
    if (!current || page.startedAt >= current.startedAt) latest.set(page.tabId, page);
  }
  return latest;
}

/**
 * With "Preserve log" off a call shows when it belongs to its tab's latest page. A call whose
 * page is unknown shows when it started after that page did; a tab with no known page (or no tab
 * at all) shows everything, since there is no navigation to hide behind.
 */
export function onLatestPage(call: CapturedCall, latest: Map<number, PageVisit>): boolean {
  const page = latest.get(call.tabId);
  if (!page) return true;
  if (call.pageId !== undefined) return call.pageId === page.id;
  return call.startedAt >= page.startedAt;
}

// Call objects are replaced on every upsert, so a WeakMap keyed by them never serves stale text.
const haystacks = new WeakMap<CapturedCall, string>();

function haystackOf(call: CapturedCall): string {
  let text = haystacks.get(call);
  if (text === undefined) {
    text = [
      actionLabel(call.endpoint),
      call.method,
      call.url,
      statusLabel(call),
      call.endpoint.datastreamId ?? '',
      call.eventTypes?.join(' ') ?? '',
      call.handleTypes?.join(' ') ?? '',
      call.sdkInstance ?? '',
      call.documentUrl ?? '',
    ]
      .join('\n')
      .toLowerCase();
    haystacks.set(call, text);
  }
  return text;
}

/**
 * Filter text: whitespace-separated terms, all must match (case-insensitive substring of the
 * action, method, URL, status, datastream, event types, handle types, SDK instance or page URL); a
 * term with a leading `-` must not match. Validation terms: `is:fail` (an event fails the plan),
 * `is:warn` (an event warns), `is:pass` (validated, nothing fails or warns), `rule:ID` (a rule or
 * `schema` failed or warned on an event).
 */
export function matchesFilter(
  call: CapturedCall,
  filter: string,
  pages: ReadonlyMap<string, PageVisit>,
): boolean {
  return compileFilter(filter)(call, pages);
}

// PageVisit objects are replaced when they change, like calls.
const pageUrls = new WeakMap<PageVisit, string>();

function pageUrlOf(page: PageVisit): string {
  let url = pageUrls.get(page);
  if (url === undefined) {
    url = page.url.toLowerCase();
    pageUrls.set(page, url);
  }
  return url;
}

type CallFilter = (call: CapturedCall, pages: ReadonlyMap<string, PageVisit>) => boolean;

/**
 * The filter text, parsed once for a pass over the list: a keystroke tests every call, and
 * splitting the text (or joining the page URL to the call's text) for each of 10,000 calls made
 * most of the keystroke's time and garbage.
 */
function compileFilter(filter: string): CallFilter {
  const terms = filter
    .toLowerCase()
    .split(/\s+/)
    .filter(Boolean)
    .map((term) =>
      term.startsWith('-') && term.length > 1
        ? { text: term.slice(1), negated: true }
        : { text: term, negated: false },
    );
  if (terms.length === 0) return () => true;
  return (call, pages) => {
    // The page can arrive after the call, so its URL is looked up each time rather than cached.
    const page = call.pageId !== undefined ? pages.get(call.pageId) : undefined;
    const haystack = haystackOf(call);
    const pageUrl = page ? pageUrlOf(page) : undefined;
    for (const { text, negated } of terms) {
      const found =
        validationTerm(call, text) ??
        (haystack.includes(text) || (pageUrl !== undefined && pageUrl.includes(text)));
      if (found === negated) return false;
    }
    return true;
  };
}

/** A validation term's verdict for this call, or undefined when the term is not one. */
function validationTerm(call: CapturedCall, term: string): boolean | undefined {
  const counts = call.validation?.counts;
  if (term === 'is:fail') return (counts?.failed ?? 0) > 0;
  if (term === 'is:warn')
    return (call.validation?.events ?? []).some((e) => e.findings.some((f) => f.status === 'warn'));
  if (term === 'is:pass')
    return !!counts && counts.events > 0 && counts.failed === 0 && counts.warned === 0;
  if (!term.startsWith('rule:')) return undefined;
  const rule = term.slice('rule:'.length);
  return (call.validation?.events ?? []).some((event) =>
    event.findings.some(
      (f) => f.rule.toLowerCase() === rule && (f.status === 'fail' || f.status === 'warn'),
    ),
  );
}

function pageKey(call: CapturedCall): string {
  return call.pageId ?? (call.tabId < 0 ? 'no-tab' : `unknown:${call.tabId}`);
}

function separatorLabel(call: CapturedCall, page: PageVisit | undefined): string {
  if (page) return `Page: ${page.url}`;
  if (call.tabId < 0) return 'Not from a tab';
  return `Page: ${call.documentUrl ?? 'unknown'}`;
}

/** The calls that pass "Preserve log" and the filter, in `seq` order. */
export function visibleCalls(
  calls: readonly CapturedCall[],
  pages: ReadonlyMap<string, PageVisit>,
  options: RowOptions,
): CapturedCall[] {
  const latest = options.preserveLog ? undefined : latestPageByTab(pages.values());
  const matches = compileFilter(options.filter);
  return calls.filter((call) => (!latest || onLatestPage(call, latest)) && matches(call, pages));
}

/**
 * Rows for the grid: the visible calls, and, when "Preserve log" is on and they span more than one
 * page, a separator row opening each run of calls from the same page.
 */
export function buildRows(
  calls: readonly CapturedCall[],
  pages: ReadonlyMap<string, PageVisit>,
  options: RowOptions,
): ListRow[] {
  const shown = visibleCalls(calls, pages, options);
  const separate = options.preserveLog && new Set(shown.map(pageKey)).size > 1;
  const rows: ListRow[] = [];
  let previous: string | undefined;
  for (const call of shown) {
    const key = pageKey(call);
    if (separate && key !== previous) {
      const page = call.pageId !== undefined ? pages.get(call.pageId) : undefined;
      rows.push({ kind: 'page', key: `page:${call.id}`, label: separatorLabel(call, page), page });
    }
    previous = key;
    rows.push({ kind: 'call', key: call.id, call });
  }
  return rows;
}

/** A call whose request carried more than one event: its row can open one row per event. */
export function isBatch(call: CapturedCall): boolean {
  return (call.eventTypes?.length ?? 0) > 1;
}

/** The handle types the response addressed to one event (`eventIndex`). */
export function eventHandleTypes(call: CapturedCall, eventIndex: number): string[] {
  return call.eventHandleTypes?.find((e) => e.eventIndex === eventIndex)?.handleTypes ?? [];
}

/**
 * The grid's rows: the model's rows, with one row per event after each expanded batch. Collapsed
 * (the default) a batch is one row, so rows with cells still count calls.
 */
export function withEventRows(
  rows: readonly ListRow[],
  expanded: ReadonlySet<string>,
): readonly GridRow[] {
  if (expanded.size === 0) return rows;
  const out: GridRow[] = [];
  for (const row of rows) {
    out.push(row);
    if (row.kind !== 'call' || !expanded.has(row.key) || !isBatch(row.call)) continue;
    const types = row.call.eventTypes ?? [];
    for (let i = 0; i < types.length; i++)
      out.push({
        kind: 'event',
        key: `${row.key}#event-${i}`,
        call: row.call,
        eventIndex: i,
        eventType: types[i] ?? '',
      });
  }
  return out;
}

// The seq-ordered call list.

/** Index of the call with this `seq` in a `seq`-ordered list, or -1. */
export function indexOfSeq(calls: readonly CapturedCall[], seq: number): number {
  let low = 0;
  let high = calls.length - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    const midSeq = calls[mid]?.seq ?? 0;
    if (midSeq === seq) return mid;
    if (midSeq < seq) low = mid + 1;
    else high = mid - 1;
  }
  return -1;
}

/**
 * Returns a new list with `incoming` merged in by id (a later version replaces the earlier one),
 * still ordered by `seq`. `seq` is stable for a record's life, so an update is found by binary
 * search; new calls usually have the highest `seq` and are appended without a sort.
 */
export function upsertCalls(
  current: readonly CapturedCall[],
  incoming: Iterable<CapturedCall>,
): CapturedCall[] {
  const next = current.slice();
  const added = new Map<string, CapturedCall>();
  for (const call of incoming) {
    const at = indexOfSeq(next, call.seq);
    if (at >= 0 && next[at]?.id === call.id) next[at] = call;
    else added.set(call.id, call);
  }
  if (added.size === 0) return next;
  // Defensive: a record that came back under another seq must not show twice.
  const stale = next.some((call) => added.has(call.id));
  const base = stale ? next.filter((call) => !added.has(call.id)) : next;
  let sorted = !stale;
  for (const call of added.values()) {
    const last = base[base.length - 1];
    if (last && last.seq >= call.seq) sorted = false;
    base.push(call);
  }
  if (!sorted) base.sort((a, b) => a.seq - b.seq);
  return base;
}

/** Deduplicates by id (the last version wins) and orders by `seq`: for whole snapshots. */
export function orderCalls(calls: Iterable<CapturedCall>): CapturedCall[] {
  const byId = new Map<string, CapturedCall>();
  for (const call of calls) byId.set(call.id, call);
  return [...byId.values()].sort((a, b) => a.seq - b.seq);
}
