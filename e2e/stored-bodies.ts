/**
 * Reads every stored call with its body texts, from an extension page (same origin as the
 * worker): what the store really holds, to compare with what the simulator received and sent.
 * `readStoreInPage` runs in the page; Playwright's and puppeteer's `evaluate` both take it.
 */
export interface StoredCallText {
  requestId?: string;
  tabId: number;
  status?: number;
  state: string;
  sources: string[];
  transport?: string;
  requestText?: string;
  responseText?: string;
}

export function readStoreInPage(): Promise<StoredCallText[]> {
  interface Row {
    id: string;
    endpoint: { requestId?: string };
    tabId: number;
    status?: number;
    state: string;
    sources: string[];
    transport?: string;
  }
  return new Promise((resolve, reject) => {
    const open = indexedDB.open('aep-edge-inspector');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const db = open.result;
      const tx = db.transaction(['calls', 'bodies']);
      const calls = tx.objectStore('calls').getAll();
      const bodies = tx.objectStore('bodies');
      const texts = new Map<string, string>();
      const keys = bodies.getAllKeys();
      const values = bodies.getAll();
      tx.onerror = () => reject(tx.error);
      tx.oncomplete = () => {
        db.close();
        const allKeys = keys.result as string[];
        const allValues = values.result as string[];
        allKeys.forEach((key, i) => texts.set(key, allValues[i]!));
        resolve(
          (calls.result as Row[]).map((c) => ({
            requestId: c.endpoint.requestId,
            tabId: c.tabId,
            status: c.status,
            state: c.state,
            sources: c.sources,
            transport: c.transport,
            requestText: texts.get(`${c.id}:request`),
            responseText: texts.get(`${c.id}:response`),
          })),
        );
      };
    };
  });
}

export interface StoreReport {
  /** Answered by the simulator, not in the store. */
  lost: string[];
  /** Stored more than once. */
  doubled: string[];
  /** Stored request text is not the bytes the simulator received. */
  wrongRequest: string[];
  /** Stored response text is not the bytes the simulator sent. */
  wrongResponse: string[];
  /** Marked failed, or with another status than the simulator's. */
  failed: string[];
  unanswered: string[];
}

/**
 * What went wrong between the simulator's record and the store, empty when nothing did.
 * `unanswered` is not a fault: a beacon stored without its status, because the one event that
 * carries a beacon's answer in Chromium (webRequest's onCompleted) reached a worker being stopped
 * in that very moment and never ran (docs/browser-testing.md, "The service worker's life").
 */
export function compareWithSimulator(
  received: ReadonlyArray<{
    method: string;
    query: Record<string, string>;
    body: string;
    status?: number;
    sent?: string;
  }>,
  stored: readonly StoredCallText[],
  ours: (requestId: string) => boolean,
): StoreReport {
  const byId = new Map<string, StoredCallText[]>();
  for (const call of stored) {
    if (!call.requestId || !ours(call.requestId)) continue;
    byId.set(call.requestId, [...(byId.get(call.requestId) ?? []), call]);
  }
  const report: StoreReport = {
    lost: [],
    doubled: [],
    wrongRequest: [],
    wrongResponse: [],
    failed: [],
    unanswered: [],
  };
  for (const [id, calls] of byId) if (calls.length > 1) report.doubled.push(id);
  for (const request of received) {
    const id = request.query.requestId;
    if (request.method !== 'POST' || !id || !ours(id)) continue;
    const call = byId.get(id)?.[0];
    if (!call) {
      report.lost.push(id);
      continue;
    }
    if (call.requestText !== request.body) report.wrongRequest.push(id);
    // An empty answer (204) is stored as an empty body or none at all.
    if ((call.responseText ?? '') !== (request.sent ?? '')) report.wrongResponse.push(id);
    if (call.state === 'failed') report.failed.push(id);
    else if (call.status === undefined && call.state === 'pending' && call.transport === 'beacon')
      // A beacon's answer is seen by webRequest alone; see `unanswered`.
      report.unanswered.push(id);
    else if (call.status !== request.status) report.failed.push(id);
  }
  return report;
}
