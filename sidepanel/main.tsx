/**
 * The side panel (Chromium's side_panel, Firefox's sidebar_action): follows the active tab of its
 * window and stays open while the user clicks through the site.
 */
import { render } from 'preact';
import '../src/ui/theme.css';
import '../src/ui/side-panel.css';
import { SidePanel } from '../src/ui/SidePanel';
import { createSidePanelModel } from '../src/ui/side-panel-model';
import {
  followActiveTab,
  requestSetPaused,
  requestSidePanelState,
  requestTabDetails,
} from '../src/ui/runtime-transport';

const model = createSidePanelModel({
  tabs: { follow: followActiveTab },
  fetchState: requestSidePanelState,
  fetchDetails: requestTabDetails,
  setPaused: requestSetPaused,
});
model.start();
addEventListener('pagehide', () => model.dispose());
const root = document.getElementById('app');
if (root) render(<SidePanel model={model} />, root);
