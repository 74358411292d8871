/**
 * Page visits: the top-frame documents of each tab, which separate the call list.
 * A page is keyed by Chromium's documentId when known (webRequest and message senders carry it),
 * else by a token the relay makes per document (Firefox has no documentId).
 */
import type { PageVisit } from './call';
import type { PageObservation } from './observation';

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

  /** Records or completes a page; returns it when something changed. */
  observe(obs: PageObservation & { documentId: string }): PageVisit | undefined {
    const existing = this.pages.get(obs.documentId);
    if (!existing) {
      const page: PageVisit = {
        id: obs.documentId,
        tabId: obs.tabId,
        url: obs.url,
        startedAt: obs.time,
      };
      if (obs.title) page.title = obs.title;
      this.pages.set(page.id, page);
      return page;
    }
    const next: PageVisit = { ...existing };
    if (obs.title && obs.title !== existing.title) next.title = obs.title;
    if (obs.url && obs.url !== existing.url && !existing.url) next.url = obs.url;
    if (obs.time < existing.startedAt) next.startedAt = obs.time;
    if (
      next.title === existing.title &&
      next.startedAt === existing.startedAt &&
      next.url === existing.url
    ) {
      return undefined;
    }
    this.pages.set(next.id, next);
    return next;
  }

  /** Which page a call with this (tab, document) belongs to. */
  pageIdFor(tabId: number, documentId?: string): string | undefined {
    if (documentId && this.pages.has(documentId)) return documentId;
    return this.current(tabId)?.id;
  }
}
