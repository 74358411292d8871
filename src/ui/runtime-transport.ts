/**
 * The popup's and the side panel's one-shot link to the worker and the tabs they open: the only
 * code of theirs that touches `browser.*`.
 */
import { extApi } from './ext-api';
import type { PageVisit } from '../session/call';
import { message, type CallWithBodies, type RuntimeRequests } from '../shared/protocol';

/** Sends `popup-summary`; the reply is checked by the caller (popup-model's guard). */
export function requestPopupSummary(tabId: number): Promise<unknown> {
  return extApi().runtime.sendMessage(
    message<RuntimeRequests, 'popup-summary'>('popup-summary', { tabId }),
  );
}

/** Every call of a tab with its bodies. */
export async function requestTabDetails(
  tabId: number,
): Promise<{ details: CallWithBodies[]; pages: PageVisit[] }> {
  const reply = (await extApi().runtime.sendMessage(
    message<RuntimeRequests, 'popup-details'>('popup-details', { tabId }),
  )) as { details?: CallWithBodies[]; pages?: PageVisit[] } | undefined;
  return { details: reply?.details ?? [], pages: reply?.pages ?? [] };
}

export function requestSetPaused(paused: boolean): Promise<unknown> {
  return extApi().runtime.sendMessage(
    message<RuntimeRequests, 'set-paused'>('set-paused', { paused }),
  );
}

export async function activeTabId(): Promise<number | undefined> {
  const [tab] = await extApi().tabs.query({ active: true, currentWindow: true });
  return tab?.id;
}

/** Opens the viewer as a tab, for one tab or (tabId undefined) for all tabs. */
export async function openViewerTab(tabId: number | undefined): Promise<void> {
  const path = tabId === undefined ? 'devtools/panel.html' : `devtools/panel.html?tabId=${tabId}`;
  await extApi().tabs.create({ url: extApi().runtime.getURL(path) });
}

/** Sends `side-panel`; the reply is checked by the caller (side-panel-model's guard). */
export function requestSidePanelState(tabId: number): Promise<unknown> {
  return extApi().runtime.sendMessage(
    message<RuntimeRequests, 'side-panel'>('side-panel', { tabId }),
  );
}

/**
 * Opens the side panel: Chromium's `sidePanel.open` for this tab (the panel is the global one, so
 * it stays open on the window's other tabs), Firefox's `sidebarAction.open`. Both count only
 * inside a user gesture, so this must be called straight from a click handler, before any await.
 */
export function openSidePanel(tabId: number | undefined): Promise<void> {
  const sidePanel = (globalThis as { chrome?: { sidePanel?: typeof chrome.sidePanel } }).chrome
    ?.sidePanel;
  if (sidePanel?.open && tabId !== undefined) return sidePanel.open({ tabId });
  const sidebar = (extApi() as unknown as { sidebarAction?: { open(): Promise<void> } })
    .sidebarAction;
  if (sidebar?.open) return sidebar.open();
  return Promise.reject(new Error('this browser has no side panel'));
}

/**
 * The active tab of the window this page is in, now and whenever it changes: another tab
 * activated in the window, or the followed tab navigating (a new page, whose calls come next).
 */
export function followActiveTab(onTab: (tabId: number | undefined) => void): () => void {
  let windowId: number | undefined;
  let current: number | undefined;
  const tell = (tabId: number | undefined) => {
    current = tabId;
    onTab(tabId);
  };
  const activated = (info: { tabId: number; windowId: number }) => {
    if (windowId === undefined || info.windowId === windowId) tell(info.tabId);
  };
  const updated = (tabId: number, change: { status?: string; url?: string }) => {
    if (tabId === current && (change.url !== undefined || change.status !== undefined)) tell(tabId);
  };
  extApi().tabs.onActivated.addListener(activated);
  extApi().tabs.onUpdated.addListener(updated);
  void extApi()
    .windows.getCurrent()
    .then((win) => {
      windowId = win.id;
      return extApi().tabs.query({ active: true, windowId: win.id });
    })
    .then(([tab]) => tell(tab?.id))
    .catch(() => tell(undefined));
  return () => {
    extApi().tabs.onActivated.removeListener(activated);
    extApi().tabs.onUpdated.removeListener(updated);
  };
}
