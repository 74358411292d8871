/**
 * The relay's outbox: what a leaving page keeps in storage.local for the worker, and how the
 * worker reads it back (the page's side is capture/relay.ts, the worker's background/relay-outbox.ts).
 */
import { isRecord } from '../edge/read';
import { UNPLACED_TAB } from './join-index';
import {
  cleanRelayBatch,
  parsed,
  type Observation,
  type PageObservation,
  type Sender,
} from './observation';

/**
 * A relay's outbox (storage.local, one key per save): the batches it sent while its page was
 * leaving and has not seen acknowledged. The page may be gone before the worker answers, so the
 * worker stores these itself (background/relay-outbox.ts) and removes the key.
 */
export const OUTBOX_PREFIX = 'outbox:';

export interface RelayOutbox {
  /** Who the relay is, from the worker's acknowledgement of an earlier batch. */
  from?: Sender;
  /** The relay's document (for the record; the worker places a relay by its calls). */
  url: string;
  top: boolean;
  payloads: unknown[];
}

const MAX_OUTBOX_PAYLOADS = 50;

function isSender(value: unknown): value is Sender {
  return (
    isRecord(value) &&
    Number.isInteger(value.tabId) &&
    Number.isInteger(value.frameId) &&
    (value.documentId === undefined || typeof value.documentId === 'string')
  );
}

/** Who wrote an outbox, when the worker had told its relay (else it must be placed by its calls). */
export function outboxSender(value: unknown): Sender | undefined {
  if (!isRecord(value) || !isSender(value.from)) return undefined;
  const { tabId, frameId, documentId } = value.from;
  return { tabId, frameId, documentId };
}

/** The first call an outbox's batches speak of: how the worker places a relay it never heard. */
export interface OutboxCall {
  url: string;
  time: number;
  hookId?: string;
  /** The relay's own token for its document (the payload's `pageToken`). */
  pageToken?: string;
}

/**
 * Which tab and document each relay is, as its messages told the worker (the browser names the
 * sender; the payload carries the relay's token): an outbox from a relay whose answer it never
 * saw is then filed under its own document, not under a second page made from its token.
 * Bounded; lost with the worker, which then places the outbox by its calls.
 */
export class RelayDocuments {
  private readonly known = new Map<string, Sender>();

  constructor(private readonly max = 500) {}

  learn(payload: unknown, sender: Sender): void {
    if (!isRecord(payload) || typeof payload.pageToken !== 'string') return;
    if (sender.frameId !== 0 || sender.documentId === undefined) return;
    this.known.delete(payload.pageToken);
    this.known.set(payload.pageToken, sender);
    if (this.known.size > this.max) {
      const oldest = this.known.keys().next().value;
      if (oldest !== undefined) this.known.delete(oldest);
    }
  }

  get(pageToken: string | undefined): Sender | undefined {
    return pageToken === undefined ? undefined : this.known.get(pageToken);
  }
}

function firstCallOf(payloads: unknown[]): OutboxCall | undefined {
  for (const payload of payloads) {
    if (!isRecord(payload) || !Array.isArray(payload.observations)) continue;
    for (const raw of payload.observations) {
      const obs = parsed(raw);
      if (isRecord(obs) && typeof obs.url === 'string' && typeof obs.time === 'number')
        return {
          url: obs.url,
          time: obs.time,
          ...(typeof obs.hookId === 'string' ? { hookId: obs.hookId } : {}),
          ...(typeof payload.pageToken === 'string' ? { pageToken: payload.pageToken } : {}),
        };
    }
  }
  return undefined;
}

/** The tab of a relay no call and no page could place: kept, under no tab, never dropped. */
export const UNPLACED: Sender = { tabId: UNPLACED_TAB, frameId: -1 };

/**
 * The observations of an outbox read back from storage, or nothing when it is not one. A relay
 * the worker never acknowledged (its first batch was the one lost) is placed by `place`: the tab
 * of a call webRequest saw at the same URL, else of a page at the relay's URL; failing both, its
 * calls are kept under no tab (UNPLACED, the top frame's document still its own), not dropped.
 */
export function cleanOutbox(
  value: unknown,
  place: (call: OutboxCall, pageUrl: string) => Sender | undefined,
): { observations: Observation[]; pages: PageObservation[] } | undefined {
  if (!isRecord(value) || !Array.isArray(value.payloads) || typeof value.url !== 'string')
    return undefined;
  const payloads = value.payloads.slice(0, MAX_OUTBOX_PAYLOADS);
  const first = outboxSender(value) ? undefined : firstCallOf(payloads);
  const unplaced = { ...UNPLACED, frameId: value.top === true ? 0 : -1 };
  const sender = outboxSender(value) ?? (first && (place(first, value.url) ?? unplaced));
  if (!sender) return undefined;
  const observations: Observation[] = [];
  const pages: PageObservation[] = [];
  for (const payload of payloads) {
    const batch = cleanRelayBatch(payload, sender);
    observations.push(...batch.observations);
    pages.push(...batch.pages);
  }
  return { observations, pages };
}
