/**
 * Wires browser events to the capture session. Listeners are registered synchronously, before
 * any await, so that an event which wakes a stopped worker is delivered to them (MV3 rule).
 */
import type { Browser, Runtime } from 'webextension-polyfill';
import type { Observation, PageObservation } from '../session/observation';
import type { PopupSummary, RuntimeReplies } from '../shared/protocol';
import { isRuntimeRequest } from '../shared/protocol';
import { keepBadges } from './badge';
import { CaptureSession } from './capture-session';
import { followCaps } from './settings';

import { canFilterResponses, listenResponseBodies } from './firefox-response';
import { cleanRelayBatch } from './relay-input';
import { Store } from './store';
import { acceptViewers } from './viewer-ports';
import { listenWebRequest } from './webrequest';

const POPUP_LAST = 5;

/**
 * webRequest events of a call come in quick succession (request, headers, response, completed):
 * gathering them for BATCH_MS makes one IndexedDB transaction and one viewer update out of them.
 */
const BATCH_MS = 20;

/** Collects webRequest events for BATCH_MS, then ingests them together. */
function batcher(session: CaptureSession): (obs: Observation, page?: PageObservation) => void {
  let observations: Observation[] = [];
  let pages: PageObservation[] = [];
  let scheduled = false;
  return (obs, page) => {
    observations.push(obs);
    if (page) pages.push(page);
    if (scheduled) return;
    scheduled = true;
    setTimeout(() => {
      const batch = observations;
      const notices = pages;
      observations = [];
      pages = [];
      scheduled = false;
      void session.ingest(batch, notices);
    }, BATCH_MS);
  };
}

function popupSummary(session: CaptureSession, tabId: number): PopupSummary {
  const calls = session.calls({ tabId });
  const facts = session.tabFacts(tabId);
  return {
    tabId,
    count: facts.count,
    failures: facts.failures,
    paused: session.status({ tabId }).paused,
    last: calls.slice(-POPUP_LAST).reverse(),
  };
}

async function onRuntimeMessage(
  session: CaptureSession,
  raw: unknown,
  sender: Runtime.MessageSender,
): Promise<RuntimeReplies[keyof RuntimeReplies] | undefined> {
  if (!isRuntimeRequest(raw)) return undefined;
  if (raw.type === 'observe') {
    const tabId = sender.tab?.id;
    if (tabId === undefined) return undefined;
    const documentId = (sender as { documentId?: string }).documentId;
    const batch = cleanRelayBatch(raw.payload, { tabId, frameId: sender.frameId ?? 0, documentId });
    const stored = await session.ingest(batch.observations, batch.pages);
    return { ok: true, stored };
  }
  await session.ready();
  const tabId = Number(raw.payload.tabId);
  return Number.isInteger(tabId) ? popupSummary(session, tabId) : undefined;
}

export function startWorker(
  browser: Browser,
  store: Promise<Store> = Store.open(),
): CaptureSession {
  const session = new CaptureSession(store);
  const ingestOne = batcher(session);
  listenWebRequest(browser.webRequest, ingestOne);
  // Firefox only: the response bytes themselves (Chromium has no filterResponseData).
  if (canFilterResponses(browser.webRequest)) listenResponseBodies(browser.webRequest, ingestOne);
  browser.runtime.onMessage.addListener((raw: unknown, sender: Runtime.MessageSender) => {
    // Only our own content scripts and pages may talk to us.
    if (sender.id !== browser.runtime.id) return undefined;
    return onRuntimeMessage(session, raw, sender);
  });
  acceptViewers(browser.runtime.onConnect, session, (obs) => ingestOne(obs));
  keepBadges(browser.action, session);
  followCaps(browser.storage, session);
  return session;
}
