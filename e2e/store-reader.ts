/**
 * Reads the extension's durable store from an extension page (same origin as the worker), so a
 * test can check what was persisted, independently of what the viewer renders.
 */
import type { Page } from '@playwright/test';

export interface StoredCallFacts {
  requestId?: string;
  tabId: number;
  status?: number;
  state: string;
  requestCaptured: boolean;
  responseCaptured: boolean;
  sources: string[];
}

/** The stored record's fields these tests read (src/session/call.ts has the full model). */
export interface StoredRecord {
  id: string;
  endpoint: { requestId?: string; action?: string };
  tabId: number;
  pageId?: string;
  status?: number;
  state: string;
  transport?: string;
  resendOf?: string;
  request: { captured: boolean; source?: string };
  response: { captured: boolean; source?: string; size?: number };
  sources: string[];
}

/** A stored call with its body texts. */
export interface StoredWithBodies {
  call: StoredRecord;
  request?: string;
  response?: string;
}

/**
 * Every stored call with both body texts. It runs in the extension page itself, so both
 * Playwright's and puppeteer's `evaluate` take it (`page.evaluate(readStoreInPage)`).
 */
export function readStoreInPage(): Promise<StoredWithBodies[]> {
  return new Promise((resolve, reject) => {
    const open = indexedDB.open('aep-edge-inspector');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const db = open.result;
      const tx = db.transaction(['calls', 'bodies']);
      const calls = tx.objectStore('calls').getAll();
      const keys = tx.objectStore('bodies').getAllKeys();
      const texts = tx.objectStore('bodies').getAll();
      tx.onerror = () => reject(tx.error);
      tx.oncomplete = () => {
        db.close();
        const bodies = new Map<string, string>();
        (keys.result as string[]).forEach((key, i) => bodies.set(key, texts.result[i] as string));
        resolve(
          (calls.result as StoredRecord[]).map((call) => ({
            call,
            request: bodies.get(`${call.id}:request`),
            response: bodies.get(`${call.id}:response`),
          })),
        );
      };
    };
  });
}

export async function storedCalls(extensionPage: Page): Promise<StoredCallFacts[]> {
  return (await extensionPage.evaluate(readStoreInPage)).map(({ call }) => ({
    requestId: call.endpoint.requestId,
    tabId: call.tabId,
    status: call.status,
    state: call.state,
    requestCaptured: call.request.captured,
    responseCaptured: call.response.captured,
    sources: call.sources,
  }));
}

/** The page visits persisted (their URLs and titles), in no particular order. */
export async function storedPages(
  extensionPage: Page,
): Promise<Array<{ url: string; title?: string }>> {
  return extensionPage.evaluate(
    () =>
      new Promise<Array<{ url: string; title?: string }>>((resolve, reject) => {
        const open = indexedDB.open('aep-edge-inspector');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const get = db.transaction('pages').objectStore('pages').getAll();
          get.onerror = () => reject(get.error);
          get.onsuccess = () => {
            db.close();
            resolve(
              (get.result as Array<{ url: string; title?: string }>).map((p) => ({
                url: p.url,
                title: p.title,
              })),
            );
          };
        };
      }),
  );
}

/** A stored page visit with what the Web SDK reported rendering on it (src/session/call.ts). */
export interface StoredVisit {
  id: string;
  tabId: number;
  url: string;
  renders?: Array<{
    at: number;
    status: string;
    propositions: Array<{ id: string; scope?: string }>;
    error?: string;
  }>;
  /** What the Web SDK's other monitors, Tags and the data layer reported (src/edge/sdk-event.ts). */
  sdk?: StoredSdkEvent[];
}

/** A stored SdkEvent, as these tests read it. */
export interface StoredSdkEvent {
  at: number;
  kind: string;
  instance?: string;
  version?: string;
  config?: string;
  command?: { name: string; phase: string; options?: string; result?: string; error?: string };
  log?: { level: string; text: string; component?: string };
  hiding?: string;
  tags?: { property?: string; environment?: string; buildDate?: string; libraryUrl?: string };
  datalayer?: { event?: string; data: string };
}

/** Every stored page visit, as stored. */
export async function storedVisits(extensionPage: Page): Promise<StoredVisit[]> {
  return extensionPage.evaluate(
    () =>
      new Promise<StoredVisit[]>((resolve, reject) => {
        const open = indexedDB.open('aep-edge-inspector');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const get = db.transaction('pages').objectStore('pages').getAll();
          get.onerror = () => reject(get.error);
          get.onsuccess = () => {
            db.close();
            resolve(get.result as StoredVisit[]);
          };
        };
      }),
  );
}

/** The stored response body text of the call with this URL requestId, if any. */
export async function storedResponseText(
  extensionPage: Page,
  requestId: string,
): Promise<string | undefined> {
  const stored = await extensionPage.evaluate(readStoreInPage);
  return stored.find(({ call }) => call.endpoint.requestId === requestId)?.response;
}
