/**
 * The popup's one-shot link to the worker and the tabs it opens: the only popup code that
 * touches `browser.*`.
 */
import browser from 'webextension-polyfill';
import type { PageVisit } from '../session/call';
import { message, type CallWithBodies, type RuntimeRequests } from '../shared/protocol';

/** Sends `popup-summary`; the reply is checked by the caller (popup-model's guard). */
export function requestPopupSummary(tabId: number): Promise<unknown> {
  return browser.runtime.sendMessage(
    message<RuntimeRequests, 'popup-summary'>('popup-summary', { tabId }),
  );
}

/** Every call of a tab with its bodies. */
export async function requestTabDetails(
  tabId: number,
): Promise<{ details: CallWithBodies[]; pages: PageVisit[] }> {
  const reply = (await browser.runtime.sendMessage(
    message<RuntimeRequests, 'popup-details'>('popup-details', { tabId }),
  )) as { details?: CallWithBodies[]; pages?: PageVisit[] } | undefined;
  return { details: reply?.details ?? [], pages: reply?.pages ?? [] };
}

export function requestSetPaused(paused: boolean): Promise<unknown> {
  return browser.runtime.sendMessage(
    message<RuntimeRequests, 'set-paused'>('set-paused', { paused }),
  );
}

export async function activeTabId(): Promise<number | undefined> {
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return tab?.id;
}

/** Opens the viewer as a tab, for one tab or (tabId undefined) for all tabs. */
export async function openViewerTab(tabId: number | undefined): Promise<void> {
  const path = tabId === undefined ? 'devtools/panel.html' : `devtools/panel.html?tabId=${tabId}`;
  await browser.tabs.create({ url: browser.runtime.getURL(path) });
}
