/**
 * Checks what the relay forwards from a page before it reaches the session. A page can only
 * speak for its own frame: tab, frame and document come from the browser's sender, never from the
 * message, and only page-level sources are accepted (a page cannot claim to be webRequest).
 */
import { matchEdgeUrl } from '../edge/endpoint';
import { isRecord } from '../edge/read';
import {
  PAGE_SOURCES,
  toObservation,
  type Observation,
  type PageObservation,
} from '../session/observation';

export interface Sender {
  tabId: number;
  frameId: number;
  documentId?: string;
}

const MAX_BATCH = 500;

/** The relay forwards the hook's JSON text as it is; it is parsed here, off the page's thread. */
function parsed(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value);
  } catch {
    return undefined;
  }
}

/** One page observation through the contract's guard, then the page's limits. */
function cleanObservation(
  raw: unknown,
  sender: Sender,
  pageToken?: string,
): Observation | undefined {
  const value = parsed(raw);
  // Where the call happened is the browser's word, not the page's.
  const where = {
    tabId: sender.tabId,
    frameId: sender.frameId,
    documentId: sender.frameId === 0 ? (sender.documentId ?? pageToken) : undefined,
  };
  const obs = isRecord(value) ? toObservation({ ...value, ...where }) : undefined;
  if (!obs || !PAGE_SOURCES.includes(obs.source) || !matchEdgeUrl(obs.url)) return undefined;
  if (where.documentId === undefined) delete obs.documentId;
  return obs;
}

export function cleanRelayBatch(
  payload: unknown,
  sender: Sender,
): { observations: Observation[]; pages: PageObservation[] } {
  if (!isRecord(payload) || !Array.isArray(payload.observations))
    return { observations: [], pages: [] };
  const pageToken = typeof payload.pageToken === 'string' ? payload.pageToken : undefined;
  const observations = payload.observations
    .slice(0, MAX_BATCH)
    .map((o) => cleanObservation(o, sender, pageToken))
    .filter((o): o is Observation => o !== undefined);
  const pages: PageObservation[] = [];
  const page = payload.page;
  const documentId = sender.documentId ?? pageToken;
  if (sender.frameId === 0 && documentId && isRecord(page) && typeof page.url === 'string') {
    pages.push({
      tabId: sender.tabId,
      documentId,
      url: page.url,
      title: typeof page.title === 'string' ? page.title.slice(0, 500) : undefined,
      time: typeof page.time === 'number' ? page.time : Date.now(),
    });
  }
  return { observations, pages };
}
