/**
 * The viewer page: the DevTools panel, and the same page opened as a tab
 * (`devtools/panel.html?tabId=N` for one tab, no parameter for all tabs).
 */
import { render } from 'preact';
import '../src/ui/theme.css';
import '../src/ui/viewer.css';
import { message, type ToWorker } from '../src/shared/protocol';
import { startDevtoolsSource } from '../src/capture/devtools-network';
import { createPortTransport } from '../src/ui/port-transport';
import { resolveScope, scopeTitle } from '../src/ui/scope';
import { applyTheme } from '../src/ui/theme';
import { ViewerShell, createShell } from '../src/ui/ViewerShell';
import { browserPlanStorage } from '../src/ui/plan/browser-plan-storage';
import { createPlanModel } from '../src/ui/plan/plan-model';

// Only pages inside DevTools get `chrome.devtools`; in a normal tab it is undefined.
const devtools = typeof chrome === 'undefined' ? undefined : chrome.devtools;
const inspectedTabId = devtools?.inspectedWindow.tabId;
const scope = resolveScope(location.search, inspectedTabId);

applyTheme(devtools ? devtools.panels.themeName : undefined);
// Follow DevTools when its theme changes while the panel is open: Chromium calls the handler
// given to `setThemeChangeHandler`, Firefox fires `onThemeChanged`.
const panels = devtools?.panels as
  | {
      setThemeChangeHandler?: (handler: (theme: string) => void) => void;
      onThemeChanged?: { addListener(l: (theme: string) => void): void };
    }
  | undefined;
if (panels?.setThemeChangeHandler) panels.setThemeChangeHandler((theme) => applyTheme(theme));
else panels?.onThemeChanged?.addListener((theme) => applyTheme(theme));

// The first live view's transport also carries DevTools entries; it lives as long as the page.
const transport = createPortTransport(scope);
const plan = createPlanModel(browserPlanStorage());
void plan.start();
const shell = createShell(scope, createPortTransport, transport, plan);

if (devtools && inspectedTabId !== undefined) {
  startDevtoolsSource(devtools.network, inspectedTabId, (observation) => {
    transport.send(message<ToWorker, 'devtools-entry'>('devtools-entry', { observation }));
  });
}

const title = scopeTitle(scope);
document.title = title;
const root = document.getElementById('app');
if (root) render(<ViewerShell shell={shell} title={title} />, root);
addEventListener('pagehide', () => shell.views.value.forEach((view) => view.model.dispose()));
