/**
 * The toolbar popup for the active tab; opened as a page, `?tabId=N` names the tab instead
 * (tests do that: Playwright cannot open the real popup).
 */
import { render } from 'preact';
import '../src/ui/theme.css';
import '../src/ui/popup.css';
import { Popup } from '../src/ui/Popup';
import { createPopupModel } from '../src/ui/popup-model';
import {
  activeTabId,
  openSidePanel,
  openViewerTab,
  requestPopupSummary,
  requestSetPaused,
  requestTabDetails,
} from '../src/ui/runtime-transport';
import { tabIdFromSearch } from '../src/ui/scope';

async function main(): Promise<void> {
  const tabId = tabIdFromSearch(location.search) ?? (await activeTabId().catch(() => undefined));
  const model = createPopupModel({
    tabId,
    fetchSummary: requestPopupSummary,
    fetchDetails: requestTabDetails,
    setPaused: requestSetPaused,
    openViewer: openViewerTab,
    openSidePanel,
    onSidePanelOpened: () => window.close(),
  });
  model.start();
  addEventListener('pagehide', () => model.dispose());
  const root = document.getElementById('app');
  if (root) render(<Popup model={model} />, root);
}

void main();
