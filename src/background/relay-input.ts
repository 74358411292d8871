/**
 * Checks what the relay forwards from a page before it reaches the session. A page can only
 * speak for its own frame: tab, frame and document come from the browser's sender, never from the
 * message, and only page-level sources are accepted (a page cannot claim to be webRequest).
 */
import { matchEdgeUrl } from '../edge/endpoint';
import type { Observation, PageObservation } from '../session/observation';
import { isRecord } from '../shared/guards';

export interface Sender {
  tabId: number;
  frameId: number;
  documentId?: string;
}

const MAX_BATCH = 500;

function isBody(value: unknown): boolean {
  if (value === undefined) return true;
  if (!isRecord(value)) return false;
  return typeof value.text === 'string' || typeof value.missing === 'string';
}

/** The relay forwards the hook's JSON text as it is; it is parsed here, off the page's thread. */
function parsed(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value);
  } catch {
    return undefined;
  }
}

function cleanObservation(
  raw: unknown,
  sender: Sender,
  pageToken?: string,
): Observation | undefined {
  const value = parsed(raw);
  if (!isRecord(value)) return undefined;

  const { source, phase, url, time } = value;
  if (source !== 'page-hook' && source !== 'alloy-monitor') return undefined;
  if (phase !== 'request' && phase !== 'response' && phase !== 'error') return undefined;
  if (typeof url !== 'string' || !matchEdgeUrl(url)) return undefined;
  if (typeof time !== 'number' || !Number.isFinite(time)) return undefined;
  if (!isBody(value.requestBody) || !isBody(value.responseBody)) return undefined;
  if (value.status !== undefined && typeof value.status !== 'number') return undefined;
  if (value.error !== undefined && typeof value.error !== 'string') return undefined;
  const where = {
    tabId: sender.tabId,
    frameId: sender.frameId,
    documentId: sender.frameId === 0 ? (sender.documentId ?? pageToken) : undefined,
  };
  if (source === 'page-hook') {
    const { hookId, method, transport } = value;
    if (typeof hookId !== 'string' || typeof method !== 'string') return undefined;
    if (transport !== 'fetch' && transport !== 'xhr' && transport !== 'beacon') return undefined;
    return { ...(value as unknown as Observation), ...where } as Observation;
  }
  if (typeof value.monitorId !== 'string') return undefined;
  return { ...(value as unknown as Observation), ...where } as Observation;
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
