/**
 * The viewer itself, loaded by the panel's first script (panel.tsx) once that script has
 * connected to the worker: everything the page shows, its plan, and DevTools' own network entries.
 */
import { render } from 'preact';
import { message, type Scope, type ToWorker } from '../src/shared/protocol';
import { startDevtoolsSource } from '../src/capture/devtools-network';
import { createPortTransport } from '../src/ui/port-transport';
import { scopeTitle } from '../src/ui/scope';
import type { ViewerTransport } from '../src/ui/transport';
import { ViewerShell, createShell } from '../src/ui/ViewerShell';
import { browserPlanStorage } from '../src/ui/plan/browser-plan-storage';
import { createPlanModel } from '../src/ui/plan/plan-model';

export function startPanel(
  scope: Scope,
  transport: ViewerTransport,
  devtools: typeof chrome.devtools | undefined,
): void {
  const inspectedTabId = devtools?.inspectedWindow.tabId;
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
}
