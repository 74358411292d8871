/**
 * Shared by the Firefox specs: the extension's store read from an extension page, the check of
 * stored bodies against what the simulator received and sent (e2e/world/firefox-wire.mjs), and
 * role queries for puppeteer (its `::-p-aria` selector; Playwright cannot drive Debian's Firefox).
 */
import type { ElementHandle, Page } from 'puppeteer-core';
import type { World } from './fixtures';

export type Received = World['simulator']['received'][number];

/** The stored record's fields these specs read (src/session/call.ts has the full model). */
export interface StoredCall {
  id: string;
  tabId: number;
  endpoint: { requestId?: string; action?: string };
  status?: number;
  sources: string[];
  resendOf?: string;
  request: { captured: boolean; source?: string };
  response: { captured: boolean; source?: string; size?: number };
}

export interface StoredWithBodies {
  call: StoredCall;
  request?: string;
  response?: string;
}

/** Every stored call with both body texts, from the extension's IndexedDB (any extension page). */
export async function storedCalls(extensionPage: Page): Promise<StoredWithBodies[]> {
  return extensionPage.evaluate(
    () =>
      new Promise<StoredWithBodies[]>((done, fail) => {
        const open = indexedDB.open('aep-edge-inspector');
        open.onerror = () => fail(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const tx = db.transaction(['calls', 'bodies']);
          const out: StoredWithBodies[] = [];
          const calls = tx.objectStore('calls').getAll();
          calls.onsuccess = () => {
            const bodies = tx.objectStore('bodies');
            for (const call of calls.result as StoredCall[]) {
              const entry: StoredWithBodies = { call };
              out.push(entry);
              const request = bodies.get(`${call.id}:request`);
              request.onsuccess = () => (entry.request = request.result as string | undefined);
              const response = bodies.get(`${call.id}:response`);
              response.onsuccess = () => (entry.response = response.result as string | undefined);
            }
          };
          tx.onerror = () => fail(tx.error);
          tx.oncomplete = () => {
            db.close();
            done(out);
          };
        };
      }),
  );
}

/** The Edge calls in the simulator's log (POSTs to /ee/…), in the order they arrived. */
export function edgePosts(received: readonly Received[]): Received[] {
  return received.filter((r) => r.method === 'POST' && r.path.startsWith('/ee/'));
}

/**
 * What differs between the store and the wire, one line per problem (empty when they agree):
 * every Edge call the simulator logged is stored once, under its requestId, with the request
 * text the simulator received and the response text it sent, and nothing else is stored.
 * `sentFor` is firefox-wire.mjs's record of the simulator's replies.
 */
export function storeAgainstWire(
  stored: readonly StoredWithBodies[],
  posts: readonly Received[],
  sentFor: (entry: Received) => string | undefined,
): string[] {
  const problems: string[] = [];
  const wanted = new Set(posts.map((p) => p.query.requestId));
  for (const s of stored) {
    if (!wanted.has(s.call.endpoint.requestId ?? ''))
      problems.push(`stored but never received: ${s.call.endpoint.requestId}`);
  }
  for (const post of posts) {
    const id = post.query.requestId;
    const hits = stored.filter((s) => s.call.endpoint.requestId === id);
    if (hits.length !== 1) {
      problems.push(`${id} (${post.path}): stored ${hits.length} times`);
      continue;
    }
    const hit = hits[0]!;
    if (hit.request !== post.body) problems.push(`${id}: request text differs from the wire`);
    const sent = sentFor(post);
    if (sent === undefined) problems.push(`${id}: the simulator has not answered yet`);
    else if (sent === '') {
      // An empty reply (204) has no text to keep: captured, and 0 bytes.
      if (
        !hit.call.response.captured ||
        hit.call.response.size !== 0 ||
        (hit.response ?? '') !== ''
      )
        problems.push(`${id}: empty reply not captured as empty`);
    } else if (hit.response !== sent) problems.push(`${id}: response text differs from the wire`);
    if (hit.call.status !== post.status)
      problems.push(`${id}: status ${hit.call.status}, the simulator answered ${post.status}`);
  }
  return problems;
}

/** A puppeteer selector for the element with this ARIA role and accessible name. */
export function role(name: string, accessibleName?: string): string {
  const named = accessibleName === undefined ? '' : `[name=${JSON.stringify(accessibleName)}]`;
  return `::-p-aria([role="${name}"]${named})`;
}

/** The visible text of the element with this role and name (waits for it). */
export async function textOf(
  scope: Page | ElementHandle,
  roleName: string,
  accessibleName?: string,
): Promise<string> {
  const element = await scope.waitForSelector(role(roleName, accessibleName));
  if (!element) throw new Error(`no ${roleName} named ${accessibleName}`);
  return element.evaluate((el) => (el as HTMLElement).innerText);
}

/** The viewer's call rows (not the header), each as its cells' texts. */
export async function gridRows(viewer: Page): Promise<string[][]> {
  return viewer.$$eval('[role="grid"] [role="row"]', (rows) =>
    rows
      .filter((r) => r.querySelector('[role="gridcell"]'))
      .map((r) =>
        [...r.querySelectorAll('[role="gridcell"]')].map((c) => c.textContent?.trim() ?? ''),
      ),
  );
}
