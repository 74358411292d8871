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

/** The stored record's fields this reader uses (src/session/call.ts has the full model). */
interface StoredRecord {
  endpoint: { requestId?: string };
  tabId: number;
  status?: number;
  state: string;
  request: { captured: boolean };
  response: { captured: boolean };
  sources: string[];
}

export async function storedCalls(extensionPage: Page): Promise<StoredCallFacts[]> {
  return extensionPage.evaluate(
    () =>
      new Promise<StoredCallFacts[]>((resolve, reject) => {
        const open = indexedDB.open('aep-edge-inspector');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const get = db.transaction('calls').objectStore('calls').getAll();
          get.onerror = () => reject(get.error);
          get.onsuccess = () => {
            db.close();
            resolve(
              (get.result as StoredRecord[]).map((c) => ({
                requestId: c.endpoint.requestId,
                tabId: c.tabId,
                status: c.status,
                state: c.state,
                requestCaptured: c.request.captured,
                responseCaptured: c.response.captured,
                sources: c.sources,
              })),
            );
          };
        };
      }),
  );
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

/** The stored response body text of the call with this URL requestId, if any. */
export async function storedResponseText(
  extensionPage: Page,
  requestId: string,
): Promise<string | undefined> {
  return extensionPage.evaluate(
    (wanted) =>
      new Promise<string | undefined>((resolve, reject) => {
        const open = indexedDB.open('aep-edge-inspector');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const tx = db.transaction(['calls', 'bodies']);
          const get = tx.objectStore('calls').getAll();
          get.onerror = () => reject(get.error);
          get.onsuccess = () => {
            const call = (
              get.result as Array<{ id: string; endpoint: { requestId?: string } }>
            ).find((c) => c.endpoint.requestId === wanted);
            if (!call) {
              db.close();
              resolve(undefined);
              return;
            }
            const body = tx.objectStore('bodies').get(`${call.id}:response`);
            body.onerror = () => reject(body.error);
            body.onsuccess = () => {
              db.close();
              resolve(body.result as string | undefined);
            };
          };
        };
      }),
    requestId,
  );
}
