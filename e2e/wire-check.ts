/**
 * The store held to the wire: what the extension stored, against what the simulator itself
 * received and sent (its log's `body` and `sent`), never against what the page saw.
 */
import type { StoredWithBodies } from './store-reader';
import type { World } from './fixtures';

export type Received = World['simulator']['received'][number];

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
  received: readonly Received[],
  stored: readonly StoredWithBodies[],
  ours: (requestId: string) => boolean,
): StoreReport {
  const byId = new Map<string, StoredWithBodies[]>();
  for (const entry of stored) {
    const id = entry.call.endpoint.requestId;
    if (!id || !ours(id)) continue;
    byId.set(id, [...(byId.get(id) ?? []), entry]);
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
    const entry = byId.get(id)?.[0];
    if (!entry) {
      report.lost.push(id);
      continue;
    }
    const { call } = entry;
    if (entry.request !== request.body) report.wrongRequest.push(id);
    // An empty answer (204) is stored as an empty body or none at all.
    if ((entry.response ?? '') !== (request.sent ?? '')) report.wrongResponse.push(id);
    if (call.state === 'failed') report.failed.push(id);
    else if (call.status === undefined && call.state === 'pending' && call.transport === 'beacon')
      // A beacon's answer is seen by webRequest alone; see `unanswered`.
      report.unanswered.push(id);
    else if (call.status !== request.status) report.failed.push(id);
  }
  return report;
}

/** The Edge calls in the simulator's log (POSTs to /ee/…), in the order they arrived. */
export function edgePosts(received: readonly Received[]): Received[] {
  return received.filter((r) => r.method === 'POST' && r.path.startsWith('/ee/'));
}

/**
 * What differs between the store and the wire, one line per problem (empty when they agree):
 * every Edge call the simulator logged is stored once, under its requestId, with the request
 * text the simulator received and the response text it sent, and nothing else is stored.
 */
export function storeAgainstWire(
  stored: readonly StoredWithBodies[],
  posts: readonly Received[],
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
    const sent = post.sent;
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
