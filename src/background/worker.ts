/**
 * Wires browser events to the capture session. Listeners are registered synchronously, before
 * any await, so that an event which wakes a stopped worker is delivered to them (MV3 rule).
 */
import type { Browser, Runtime } from 'webextension-polyfill';
import { isFailure } from '../session/call';
import type { Observation, PageObservation } from '../session/observation';
import type { PopupSummary, RuntimeReplies } from '../shared/protocol';
import { isRuntimeRequest } from '../shared/protocol';
import { keepBadges } from './badge';
import { CaptureSession } from './capture-session';
import { followCaps } from './settings';

import { canFilterResponses, listenResponseBodies } from './firefox-response';
import { cleanRelayBatch } from './relay-input';
import { Resender } from './resend';
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
  return {
    tabId,
    count: calls.length,
    failures: calls.filter(isFailure).length,

    paused: session.status({ tabId }).paused,
    last: calls.slice(-POPUP_LAST).reverse(),
  };
}

async function onRuntimeMessage(
  session: CaptureSession,
  raw: unknown,
  sender: Runtime.MessageSender,
  extensionOrigin: string,
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
  // Everything else is for the extension's own pages (popup, viewer), never a content script.
  if (!fromExtensionPage(sender, extensionOrigin)) return undefined;
  await session.ready();
  if (raw.type === 'set-paused') {
    await session.setPaused(raw.payload.paused === true);
    return { paused: raw.payload.paused === true };
  }
  const tabId = Number(raw.payload.tabId);
  if (!Number.isInteger(tabId)) return undefined;
  if (raw.type === 'popup-summary') return popupSummary(session, tabId);
  const calls = session.calls({ tabId });
  return {
    details: await session.details(calls.map((c) => c.id)),
    pages: session.pagesIn({ tabId }),
  };
}

function fromExtensionPage(sender: Runtime.MessageSender, origin: string): boolean {
  return typeof sender.url === 'string' && sender.url.startsWith(`${origin}/`);
}

export function startWorker(
  browser: Browser,
  store: Promise<Store> = Store.open(),
): CaptureSession {
  const session = new CaptureSession(store);
  const extensionOrigin = new URL(browser.runtime.getURL('/')).origin;

  // Resend (issue 4): webRequest events of the worker's own resends are filed under their tab.
  const resender = new Resender(browser, session);
  const ingestOne = resender.adopting(batcher(session));
  listenWebRequest(browser.webRequest, ingestOne);
  // Firefox only: the response bytes themselves (Chromium has no filterResponseData).
  if (canFilterResponses(browser.webRequest)) listenResponseBodies(browser.webRequest, ingestOne);
  browser.runtime.onMessage.addListener((raw: unknown, sender: Runtime.MessageSender) => {
    // Only our own content scripts and pages may talk to us.
    if (sender.id !== browser.runtime.id) return undefined;
    return onRuntimeMessage(session, raw, sender, extensionOrigin);
  });
  acceptViewers(browser.runtime.onConnect, session, (obs) => ingestOne(obs));
  resender.listen(browser.runtime.onConnect);
  keepBadges(browser.action, session);
  followCaps(browser.storage, session);
  return session;
}
