/**
 * The viewer: toolbar, status line, the Web SDK's summary line, and one of three panes picked by
 * tabs: Calls (the call grid and the selected call's details), Visit (the visit's findings and
 * lanes, visit/VisitView.tsx) or SDK (what the Web SDK reported, sdk/SdkView.tsx).
 */
import { useId, useRef } from 'preact/hooks';
import { CallDetails } from './CallDetails';
import { CallGrid } from './CallGrid';
import { keyAction } from './keymap';
import { StatusLine, Toolbar } from './Toolbar';
import { VIEWER_PANES, type ViewerModel, type ViewerPane } from './viewer-model';
import { useViewerKeys } from './viewer-keys';
import { VisitView } from './visit/VisitView';
import { SdkView } from './sdk/SdkView';
import { OverrideBanner } from './override/OverrideBanner';

/**
 * Said when nothing more will come from the worker (transport.ts: the final states), instead of
 * "Loading…" for ever: a panel left open across an update of the extension.
 */
export function connectionProblem(model: ViewerModel): string | undefined {
  const reopen =
    'Close DevTools and open it again (or reload this page) to use the version now installed.';
  switch (model.connection.value) {
    case 'incompatible': {
      const versions = model.mismatch.value;
      const which = versions
        ? ` (viewer protocol ${versions.viewerVersion}, extension protocol ${versions.workerVersion})`
        : '';
      return `This viewer is from another version of AEP Edge Inspector than the one running now${which}, so it cannot show calls. ${reopen}`;
    }
    case 'invalidated':
      return `AEP Edge Inspector was updated, reloaded or removed while this viewer was open, so no more calls can reach it. ${reopen}`;
    default:
      return undefined;
  }
}

function ConnectionProblem({ model }: { model: ViewerModel }) {
  const problem = connectionProblem(model);
  if (!problem) return null;
  return (
    <p role="alert" class="connection-problem">
      {problem}
    </p>
  );
}

function EmptyState({ model }: { model: ViewerModel }) {
  if (model.rows.value.length > 0 || connectionProblem(model)) return null;
  const text =
    model.calls.value.length > 0
      ? 'No calls match the filter or the "Preserve log" setting.'
      : model.loading.value
        ? 'Loading captured calls…'
        : 'No Edge Network calls captured yet. Use the page (or reload it) to see its calls here.';
  return <p class="empty-state">{text}</p>;
}

const paneId = (base: string, pane: ViewerPane, part: 'tab' | 'panel') => `${base}-${part}-${pane}`;

/** What the Web SDK said about itself on the latest page it spoke on, when it said anything. */
function SdkSummaryLine({ model }: { model: ViewerModel }) {
  const line = model.sdkLine.value;
  if (!line) return null;
  return <p class="sdk-summary">{line}</p>;
}

/**
 * The Calls, Visit and SDK tabs (APG tabs, automatic activation; keys from keymap.ts, context
 * `tabs`). The Visit and SDK tabs control a tabpanel; the Calls tab controls the list pane, which is not one, so
 * that the call details' tabs keep the one tabpanel while the list shows.
 */
function PaneTabs({ model, base }: { model: ViewerModel; base: string }) {
  const active = model.pane.value;
  const listRef = useRef<HTMLDivElement>(null);
  function onKeyDown(event: KeyboardEvent): void {
    const action = keyAction('tabs', event)?.action;
    if (action === undefined) return;
    const at = VIEWER_PANES.indexOf(active);
    const next =
      action === 'first'
        ? 0
        : action === 'last'
          ? VIEWER_PANES.length - 1
          : (at + (action === 'next' ? 1 : -1) + VIEWER_PANES.length) % VIEWER_PANES.length;
    const pane = VIEWER_PANES[next];
    if (pane === undefined) return;
    event.preventDefault();
    model.setPane(pane);
    listRef.current
      ?.querySelector<HTMLElement>(`#${CSS.escape(paneId(base, pane, 'tab'))}`)
      ?.focus();
  }
  return (
    <div
      role="tablist"
      aria-label="Views"
      class="tablist pane-tabs"
      ref={listRef}
      onKeyDown={onKeyDown}
    >
      {VIEWER_PANES.map((pane) => (
        <button
          type="button"
          role="tab"
          key={pane}
          id={paneId(base, pane, 'tab')}
          aria-selected={pane === active}
          aria-controls={paneId(base, pane, 'panel')}
          aria-keyshortcuts="v"
          tabIndex={pane === active ? 0 : -1}
          class="tab"
          onClick={() => model.setPane(pane)}
        >
          {pane}
        </button>
      ))}
    </div>
  );
}

export function Viewer({ model, title }: { model: ViewerModel; title: string }) {
  useViewerKeys(model);
  const base = useId();
  const pane = model.pane.value;
  const hasDetails = pane === 'Calls' && model.detail.value !== undefined;
  return (
    <div class={`viewer${hasDetails ? ' with-details' : ''}`}>
      <header class="viewer-head">
        <h1 class="visually-hidden">{title}</h1>
        <Toolbar model={model} />
        <StatusLine model={model} />
        <SdkSummaryLine model={model} />
        <OverrideBanner tabId={model.scope.tabId} />
        <PaneTabs model={model} base={base} />
        <ConnectionProblem model={model} />
      </header>
      <main class="viewer-main" aria-label="Captured calls">
        {pane === 'Calls' ? (
          <>
            <div class="list-pane" id={paneId(base, 'Calls', 'panel')}>
              <CallGrid model={model} />
              <EmptyState model={model} />
            </div>
            <CallDetails model={model} />
          </>
        ) : pane === 'Visit' ? (
          <VisitView
            model={model}
            id={paneId(base, 'Visit', 'panel')}
            labelledBy={paneId(base, 'Visit', 'tab')}
          />
        ) : (
          <SdkView
            model={model}
            id={paneId(base, 'SDK', 'panel')}
            labelledBy={paneId(base, 'SDK', 'tab')}
          />
        )}
      </main>
    </div>
  );
}
