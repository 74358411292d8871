/**
 * Wires browser events to the capture session. Listeners are registered synchronously, before
 * any await, so that an event which wakes a stopped worker is delivered to them (MV3 rule).
 */
import type { Browser, Runtime } from 'webextension-polyfill';
import { tabVisitor } from '../session/analysis';
import { isFailure } from '../session/call';
import { tabValidation } from '../validate/tab-validation';
import type { PopupSummary, RuntimeReplies } from '../shared/protocol';
import { isRuntimeRequest } from '../shared/protocol';
import type { OverrideReply, RuntimeRequest } from '../shared/protocol';
import { callOverrideOf, checkOverride } from '../session/override-rules';
import { Overrides, type SessionRules } from './override';
import { keepBadges } from './badge';
import { sidePanelState, tabFindings } from './side-panel';
import { CaptureSession } from './capture-session';
import { followCaps, followPlan } from './settings';

import { canFilterResponses, listenResponseBodies } from '../capture/firefox-response';
import { IngestBatcher, LIVE_WINDOW_MS, QUIET_WINDOW_MS } from './ingest-batcher';
import { IntakeLog } from './intake-log';
import { followOutboxes } from './relay-outbox';
import { cleanRelayBatch } from '../session/observation';
import { RelayDocuments } from '../session/outbox';
import { RecentSet } from './recent-set';
import { Resender } from './resend';
import { Store } from './store';
import { acceptViewers } from './viewer-ports';
import { listenWebRequest } from '../capture/webrequest';

/** When to look again for what a stopped worker left in the intake log. */
const LATE_LEFTOVERS_MS = 1_000;

/** The popup shows this many calls in plain words. */
const POPUP_LAST = 8;

function popupSummary(session: CaptureSession, tabId: number): PopupSummary {
  const calls = session.calls({ tabId });
  const summary: PopupSummary = {
    tabId,
    count: calls.length,
    failures: calls.filter(isFailure).length,
    paused: session.status({ tabId }).paused,
    last: calls.slice(-POPUP_LAST).reverse(),
    visitor: tabVisitor(calls),
    visitFindings: tabFindings(calls, session.pagesIn({ tabId })).length,
  };
  const validation = tabValidation(calls);
  if (validation) summary.validation = validation;
  return summary;
}

/** The datastream the tab's calls used, newest first, other than `not`. */
function lastDatastream(session: CaptureSession, tabId: number, not?: string): string | undefined {
  const calls = session.calls({ tabId });
  for (let i = calls.length - 1; i >= 0; i--) {
    const id = calls[i]?.endpoint.datastreamId;
    if (id && id !== not) return id;
  }
  return undefined;
}

async function onOverrideMessage(
  session: CaptureSession,
  overrides: Overrides,
  raw: RuntimeRequest,
): Promise<OverrideReply | undefined> {
  if (raw.type !== 'set-override' && raw.type !== 'clear-override') return undefined;
  const tabId = Number(raw.payload.tabId);
  if (!Number.isInteger(tabId) || tabId < 0) return { ok: false, errors: ['No such tab.'] };
  if (!overrides.supported)
    return { ok: false, errors: ['This browser cannot redirect one tab’s requests.'] };
  try {
    if (raw.type === 'clear-override') {
      await overrides.clear(tabId);
      return { ok: true };
    }
    const checked = checkOverride(raw.payload);
    if (!checked.ok) return checked;
    const original = lastDatastream(session, tabId, checked.request.datastreamId);
    return { ok: true, override: await overrides.set(tabId, checked.request, original) };
  } catch (error) {
    return { ok: false, errors: [error instanceof Error ? error.message : String(error)] };
  }
}

/** Which document each relay is, as its messages said (for outboxes it left unanswered). */
const relayDocuments = new RelayDocuments();
/** Documents whose relay reports to this worker: their webRequest events skip the intake log. */
const hookedDocuments = new RecentSet<string>();

async function onRuntimeMessage(
  session: CaptureSession,
  overrides: Overrides,
  batch: IngestBatcher,
  /** Whether a viewer is open (the relay then sends sooner). */
  live: () => boolean,
  raw: unknown,
  sender: Runtime.MessageSender,
  extensionOrigin: string,
): Promise<RuntimeReplies[keyof RuntimeReplies] | undefined> {
  if (!isRuntimeRequest(raw)) return undefined;
  if (raw.type === 'observe') {
    const tabId = sender.tab?.id;
    if (tabId === undefined) return undefined;
    const documentId = (sender as { documentId?: string }).documentId;
    const clean = cleanRelayBatch(raw.payload, { tabId, frameId: sender.frameId ?? 0, documentId });
    relayDocuments.learn(raw.payload, { tabId, frameId: sender.frameId ?? 0, documentId });
    if (documentId) hookedDocuments.add(documentId);
    // Acknowledged once its window committed: until then the relay keeps it and may send it again.
    await batch.addAll(clean.observations, clean.pages);
    return {
      ok: true,
      stored: clean.observations.length,
      from: { tabId, frameId: sender.frameId ?? 0, documentId },
      live: live(),
    };
  }
  // Everything else is for the extension's own pages (popup, viewer), never a content script.
  if (!fromExtensionPage(sender, extensionOrigin)) return undefined;
  // It has started the worker, which reads the newest calls first in any case.
  if (raw.type === 'wake') return { ok: true };
  // The popup's and the side panel's counts include the calls gathered in the current window.
  await batch.flush();
  await session.ready();
  const override = await onOverrideMessage(session, overrides, raw);
  if (override) return override;
  if (raw.type === 'set-paused') {
    await session.setPaused(raw.payload.paused === true);
    return { paused: raw.payload.paused === true };
  }
  const tabId = Number(raw.payload.tabId);
  if (!Number.isInteger(tabId)) return undefined;
  if (raw.type === 'popup-summary') return popupSummary(session, tabId);
  if (raw.type === 'side-panel') return sidePanelState(session, tabId);
  const calls = session.calls({ tabId });
  return {
    details: await session.allWithBodies(calls.map((c) => c.id)),
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
  // Session rules exist only where the permission was granted (Chromium: see SECURITY.md).
  const overrides = new Overrides(
    (browser as { declarativeNetRequest?: SessionRules }).declarativeNetRequest,
    browser.storage.session,
    browser.tabs,
  );
  session.setOverrideMarker((call) => callOverrideOf(overrides.get(call.tabId), call));
  const extensionOrigin = new URL(browser.runtime.getURL('/')).origin;

  // Resend: webRequest events of the worker's own resends are filed under their tab.
  const resender = new Resender(browser, session);
  let viewerCount = (): number => 0;
  // This run's name in the intake log: sortable by start time, unique across runs.
  const boot = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
  const log = new IntakeLog(browser.storage.session, boot);
  const batch = new IngestBatcher(
    (observations, pages) => session.ingest(observations, pages),
    () => (viewerCount() > 0 ? LIVE_WINDOW_MS : QUIET_WINDOW_MS),
    log,
    (obs) => !(obs.source === 'webRequest' && hookedDocuments.has(obs.documentId)),
    () => viewerCount() === 0,
  );
  const ingestOne = resender.adopting((obs, page) => batch.add(obs, page));
  const requestHeaders = listenWebRequest(browser.webRequest, ingestOne);
  // Firefox only: the response bytes themselves (Chromium has no filterResponseData).
  if (canFilterResponses(browser.webRequest)) listenResponseBodies(browser.webRequest, ingestOne);
  browser.runtime.onMessage.addListener((raw: unknown, sender: Runtime.MessageSender) => {
    // Only our own content scripts and pages may talk to us.
    if (sender.id !== browser.runtime.id) return undefined;
    return onRuntimeMessage(
      session,
      overrides,
      batch,
      () => viewerCount() > 0,
      raw,
      sender,
      extensionOrigin,
    );
  });
  viewerCount = acceptViewers(browser.runtime.onConnect, session, {
    ingestDevtools: (obs) => ingestOne(obs),
    flushPending: () => batch.flush(),
    viewersChanged: (count) => requestHeaders(count > 0),
  });
  resender.listen(browser.runtime.onConnect);
  // What a stopped worker received and never committed, then what leaving pages kept.
  const replay = () =>
    log.leftovers().then((entries) => {
      for (const { key, batch: left } of entries)
        void batch.replay(left.observations, left.pages, () => void log.release([key]));
    });
  const replayed = replay();
  // Once more a little later: a stopped worker's last writes can land after this one's first look
  // (they come from another thread), and would otherwise wait for the next start.
  setTimeout(() => void replay(), LATE_LEFTOVERS_MS);
  followOutboxes(browser.storage, session, batch, replayed, relayDocuments);
  const updateBadge = keepBadges(browser.action, session, (tabId) => !!overrides.get(tabId));
  overrides.onChange(updateBadge);
  followCaps(browser.storage, session);
  followPlan(browser.storage, session);
  return session;
}
