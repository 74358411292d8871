/**
 * The side panel's state: the tab it follows (the active tab of its window), that tab's events in
 * plain words grouped by page, the visitor and the visit findings.
 *
 * It asks the worker with the one-shot `side-panel` message, once a second and at once when the
 * followed tab changes or navigates, rather than over the viewer's port: a one-shot message wakes
 * a stopped worker by itself (no reconnect, no snapshot to merge, no upsert and removal reducer),
 * following another tab is only another tabId in the next request, and the answer is bounded
 * (the worker sends the tab's newest calls only).
 */
import { batch, signal, type ReadonlySignal } from '@preact/signals';
import type { PlainLine, VisitorState } from '../edge/plain-words';
import { isRecord } from '../edge/read';
import { isFailure, statusLabel, type CapturedCall, type PageVisit } from '../session/call';
import { defaultRedaction } from '../session/redaction';
import type { CallWithBodies, SidePanelState } from '../shared/protocol';
import type { VisitFinding } from '../validate/visit-checks';
import { buildExport, download, type ExportFormat } from './export/run-export';
import { shortUrl } from './format';

/** One event of a call, in plain words. */
export interface EventLine {
  key: string;
  callId: string;
  text: string;
  /** The call failed or Edge reported an error for it. */
  problem: boolean;
  /** The call's status as the list shows it (`200`, `failed`, `pending`). */
  status: string;
}

/** A page of the tab and its events, oldest first. */
export interface PageGroup {
  key: string;
  /** The page's title, else its short URL; `Earlier page` for calls of no known page. */
  title: string;
  url?: string;
  lines: EventLine[];
}

const WORDS_FOR_DISPLAY = 'Personalization shown';

/** Activity names (else ids) by proposition id, from the decisions the calls carried. */
function activities(calls: readonly CapturedCall[]): Map<string, string> {
  const names = new Map<string, string>();
  for (const call of calls)
    for (const p of call.facts?.propositions ?? []) if (p.activity) names.set(p.id, p.activity);
  return names;
}

/**
 * The call's plain lines, with display notifications named by the activity they show
 * ("Offer shown: Summer sale"): the display event carries proposition ids only, the decision
 * that named them came in an earlier call. A display that rode on another event (a page view)
 * adds its own line after that event's.
 */
function linesOf(call: CapturedCall, names: ReadonlyMap<string, string>): PlainLine[] {
  const failed = isFailure(call);
  const base: PlainLine[] = call.plain?.length
    ? call.plain
    : [{ text: call.eventTypes?.join(', ') || call.endpoint.action, problem: failed }];
  const displays = (call.facts?.notified ?? []).filter((n) => n.types.includes('display'));
  if (!displays.length) return base;
  const named = (ids: readonly string[]) => {
    const known = [...new Set(ids.flatMap((id) => names.get(id) ?? []))];
    return known.length ? `Offer shown: ${known.join(', ')}` : undefined;
  };
  const out = base.map((line) => ({ ...line }));
  let next = 0;
  for (const display of displays) {
    const text = named(display.ids);
    if (!text) continue;
    if (display.eventType === 'decisioning.propositionDisplay') {
      const at = out.findIndex((line, i) => i >= next && line.text === WORDS_FOR_DISPLAY);
      if (at >= 0) {
        out[at] = { ...out[at]!, text };
        next = at + 1;
        continue;
      }
    }
    out.push({ text, problem: failed });
  }
  return out;
}

/**
 * The tab's events, one line per event, grouped by page: pages in time order, each with its
 * calls' lines in capture order, newest last. Pages without calls are left out, except the last
 * (the page the tab is on now).
 */
export function pageGroups(
  calls: readonly CapturedCall[],
  pages: readonly PageVisit[],
): PageGroup[] {
  const names = activities(calls);
  const sortedPages = [...pages].sort((a, b) => a.startedAt - b.startedAt);
  const groups = new Map<string, PageGroup>();
  const groupOf = (pageId: string | undefined): PageGroup => {
    const key = pageId && sortedPages.some((p) => p.id === pageId) ? pageId : '(unknown page)';
    let group = groups.get(key);
    if (!group) {
      const page = sortedPages.find((p) => p.id === key);
      group = page
        ? { key, title: page.title?.trim() || shortUrl(page.url), url: page.url, lines: [] }
        : { key, title: 'Earlier page', lines: [] };
      groups.set(key, group);
    }
    return group;
  };
  const last = sortedPages.at(-1);
  for (const call of [...calls].sort((a, b) => a.seq - b.seq)) {
    const group = groupOf(call.pageId);
    const status = statusLabel(call);
    linesOf(call, names).forEach((line, i) =>
      group.lines.push({
        key: `${call.id}:${i}`,
        callId: call.id,
        text: line.text,
        problem: line.problem,
        status,
      }),
    );
  }
  if (last) groupOf(last.id);
  const order = (group: PageGroup) => {
    const page = sortedPages.findIndex((p) => p.id === group.key);
    return page < 0 ? -1 : page;
  };
  return [...groups.values()].sort((a, b) => order(a) - order(b));
}

/** Shape check of the worker's reply (it crossed a process boundary). */
export function isSidePanelState(value: unknown): value is SidePanelState {
  return (
    isRecord(value) &&
    typeof value.tabId === 'number' &&
    typeof value.count === 'number' &&
    typeof value.failures === 'number' &&
    typeof value.paused === 'boolean' &&
    isRecord(value.visitor) &&
    Array.isArray(value.pages) &&
    value.pages.every((page) => isRecord(page) && typeof page.id === 'string') &&
    Array.isArray(value.findings) &&
    value.findings.every((f) => isRecord(f) && typeof f.title === 'string') &&
    Array.isArray(value.calls) &&
    value.calls.every(
      (call) => isRecord(call) && typeof call.id === 'string' && isRecord(call.endpoint),
    )
  );
}

/** Where the panel is: which tab it follows, and how it hears that this changes. */
export interface FollowedTab {
  /** Calls `onTab` with the active tab now, and again whenever it changes or navigates. */
  follow(onTab: (tabId: number | undefined) => void): () => void;
}

export interface SidePanelModelOptions {
  tabs: FollowedTab;
  fetchState: (tabId: number) => Promise<unknown>;
  fetchDetails?: (tabId: number) => Promise<{ details: CallWithBodies[]; pages: PageVisit[] }>;
  setPaused?: (paused: boolean) => Promise<unknown>;
  intervalMs?: number;
}

export function createSidePanelModel({
  tabs,
  fetchState,
  fetchDetails,
  setPaused,
  intervalMs = 1000,
}: SidePanelModelOptions) {
  const tabId = signal<number | undefined>(undefined);
  const state = signal<SidePanelState | undefined>(undefined);
  const groups = signal<PageGroup[]>([]);
  const error = signal<string | undefined>(undefined);
  let timer: ReturnType<typeof setInterval> | undefined;
  let unfollow: (() => void) | undefined;
  /** Bumped on every request, so that a late answer for a tab no longer followed is dropped. */
  let asked = 0;

  async function refresh(): Promise<void> {
    const tab = tabId.peek();
    if (tab === undefined) return;
    const mine = ++asked;
    try {
      const reply = await fetchState(tab);
      if (mine !== asked) return;
      batch(() => {
        if (isSidePanelState(reply) && reply.tabId === tab) {
          state.value = reply;
          groups.value = pageGroups(reply.calls, reply.pages);
          error.value = undefined;
        } else {
          error.value = 'The extension answered with something unexpected.';
        }
      });
    } catch (failure) {
      if (mine !== asked) return;
      // The worker may be starting up; the next tick tries again.
      error.value = `Could not reach the extension: ${failure instanceof Error ? failure.message : String(failure)}`;
    }
  }

  function onTab(next: number | undefined): void {
    if (next !== tabId.peek()) {
      batch(() => {
        tabId.value = next;
        state.value = undefined;
        groups.value = [];
        error.value = undefined;
      });
    }
    void refresh();
  }

  return {
    tabId: tabId as ReadonlySignal<number | undefined>,
    state: state as ReadonlySignal<SidePanelState | undefined>,
    groups: groups as ReadonlySignal<PageGroup[]>,
    error: error as ReadonlySignal<string | undefined>,
    refresh,
    start(): void {
      unfollow ??= tabs.follow(onTab);
      timer ??= setInterval(() => void refresh(), intervalMs);
    },
    dispose(): void {
      if (timer !== undefined) clearInterval(timer);
      timer = undefined;
      unfollow?.();
      unfollow = undefined;
    },
    async togglePaused(): Promise<void> {
      await setPaused?.(!(state.peek()?.paused ?? false));
      await refresh();
    },
    /** Exports the followed tab's calls with the default redaction (all rules on). */
    async exportAs(format: ExportFormat): Promise<string | undefined> {
      const tab = tabId.peek();
      if (!fetchDetails || tab === undefined) return undefined;
      const { details, pages } = await fetchDetails(tab);
      const file = await buildExport(details, pages, format, defaultRedaction());
      download(file);
      return file.fileName;
    },
  };
}

export type SidePanelModel = ReturnType<typeof createSidePanelModel>;

export type { VisitFinding, VisitorState };
