/**
 * Page visits: the top-frame documents of each tab, which separate the call list.
 * A page is keyed by Chromium's documentId when known (webRequest and message senders carry it),
 * else by a token the relay makes per document (Firefox has no documentId).
 */
import type { RenderRecord } from '../edge/render-event';
import type { SdkEvent } from '../edge/sdk-event';
import type { PageVisit } from './call';
import type { PageObservation } from './observation';

/** The renders a page keeps: the latest ones. */
export const MAX_RENDERS_PER_PAGE = 200;

/** The SDK events a page keeps: the latest ones. */
export const MAX_SDK_PER_PAGE = 500;

/** Two reports of one render event are the same event: a replayed batch brings it again. */
function renderKey(render: RenderRecord): string {
  return JSON.stringify([render.at, render.status, render.propositions.map((p) => p.id)]);
}

/** Two reports of one SDK event are the same event: the same time, kind, command and text. */
function sdkKey(event: SdkEvent): string {
  return JSON.stringify([
    event.at,
    event.kind,
    event.instance,
    event.command?.name,
    event.command?.phase,
    event.log?.text,
    event.datalayer?.data,
    event.hiding,
  ]);
}

/**
 * `existing` with the `added` items it does not hold yet (by `key`), oldest first, capped to the
 * latest `cap`; `existing` itself (the same array) when nothing changed.
 */
function mergeTimed<T extends { at: number }>(
  existing: readonly T[] | undefined,
  added: readonly T[] | undefined,
  key: (item: T) => string,
  cap: number,
): readonly T[] | undefined {
  if (!added?.length) return existing;
  const seen = new Set((existing ?? []).map(key));
  const fresh = added.filter((item) => {
    const k = key(item);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
  if (!fresh.length) return existing;
  // A stable sort: events of one millisecond keep the order the page reported them in.
  const merged = [...(existing ?? []), ...fresh].sort((a, b) => a.at - b.at).slice(-cap);
  // Everything new may have fallen off the cap (older than what the page already keeps).
  if (existing && merged.length === existing.length && merged.every((r, i) => r === existing[i]))
    return existing;
  return merged;
}

/**
 * `existing` with the `added` renders it does not hold yet, oldest first, capped to the latest
 * MAX_RENDERS_PER_PAGE; `existing` itself (the same array) when nothing changed.
 */
export function mergeRenders(
  existing: readonly RenderRecord[] | undefined,
  added: readonly RenderRecord[] | undefined,
): readonly RenderRecord[] | undefined {
  return mergeTimed(existing, added, renderKey, MAX_RENDERS_PER_PAGE);
}

/**
 * `existing` with the `added` SDK events it does not hold yet, oldest first, capped to the latest
 * MAX_SDK_PER_PAGE; `existing` itself (the same array) when nothing changed.
 */
export function mergeSdkEvents(
  existing: readonly SdkEvent[] | undefined,
  added: readonly SdkEvent[] | undefined,
): readonly SdkEvent[] | undefined {
  return mergeTimed(existing, added, sdkKey, MAX_SDK_PER_PAGE);
}

export class PageTable {
  private readonly pages = new Map<string, PageVisit>();

  all(): PageVisit[] {
    return [...this.pages.values()].sort((a, b) => a.startedAt - b.startedAt);
  }

  get(id: string): PageVisit | undefined {
    return this.pages.get(id);
  }

  put(page: PageVisit): void {
    this.pages.set(page.id, page);
  }

  remove(id: string): void {
    this.pages.delete(id);
  }

  /** The latest page of a tab, the home of calls from frames whose document is unknown. */
  current(tabId: number): PageVisit | undefined {
    let latest: PageVisit | undefined;
    for (const page of this.pages.values()) {
      if (page.tabId === tabId && (!latest || page.startedAt >= latest.startedAt)) latest = page;
    }
    return latest;
  }

  /**
   * Records or completes a page, and adds the renders and SDK events the notice brings; returns
   * the page when something changed. A notice for a page not known yet makes one when it has a
   * documentId and a url; otherwise (a subframe's renders, renders before the page's own notice)
   * what it brings goes to the tab's current page, and is dropped when the tab has none.
   */
  observe(obs: PageObservation): PageVisit | undefined {
    const existing = obs.documentId === undefined ? undefined : this.pages.get(obs.documentId);
    if (!existing) {
      if (obs.documentId !== undefined && obs.url) {
        const page: PageVisit = {
          id: obs.documentId,
          tabId: obs.tabId,
          url: obs.url,
          startedAt: obs.time,
        };
        if (obs.title) page.title = obs.title;
        const renders = mergeRenders(undefined, obs.renders);
        if (renders) page.renders = [...renders];
        const sdk = mergeSdkEvents(undefined, obs.sdk);
        if (sdk) page.sdk = [...sdk];
        this.pages.set(page.id, page);
        return page;
      }
      const current = obs.renders?.length || obs.sdk?.length ? this.current(obs.tabId) : undefined;
      return current && this.addReports(current, obs);
    }
    const next: PageVisit = { ...existing };
    if (obs.title && obs.title !== existing.title) next.title = obs.title;
    if (obs.url && obs.url !== existing.url && !existing.url) next.url = obs.url;
    // A notice that only brings renders says nothing of when the page started.
    if (obs.url && obs.time < existing.startedAt) next.startedAt = obs.time;
    const renders = mergeRenders(existing.renders, obs.renders);
    if (renders !== existing.renders && renders) next.renders = [...renders];
    const sdk = mergeSdkEvents(existing.sdk, obs.sdk);
    if (sdk !== existing.sdk && sdk) next.sdk = [...sdk];
    if (
      next.title === existing.title &&
      next.startedAt === existing.startedAt &&
      next.url === existing.url &&
      next.renders === existing.renders &&
      next.sdk === existing.sdk
    ) {
      return undefined;
    }
    this.pages.set(next.id, next);
    return next;
  }

  private addReports(page: PageVisit, obs: PageObservation): PageVisit | undefined {
    const renders = mergeRenders(page.renders, obs.renders);
    const sdk = mergeSdkEvents(page.sdk, obs.sdk);
    if (renders === page.renders && sdk === page.sdk) return undefined;
    const next: PageVisit = { ...page };
    if (renders !== page.renders && renders) next.renders = [...renders];
    if (sdk !== page.sdk && sdk) next.sdk = [...sdk];
    this.pages.set(next.id, next);
    return next;
  }

  /** Which page a call with this (tab, document) belongs to. */
  pageIdFor(tabId: number, documentId?: string): string | undefined {
    if (documentId && this.pages.has(documentId)) return documentId;
    return this.current(tabId)?.id;
  }
}
