/** The viewer: toolbar, status line, the call grid and the selected call's details. */
import { CallDetails } from './CallDetails';
import { CallGrid } from './CallGrid';
import { StatusLine, Toolbar } from './Toolbar';
import type { ViewerModel } from './viewer-model';
import { useViewerKeys } from './viewer-keys';

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

export function Viewer({ model, title }: { model: ViewerModel; title: string }) {
  useViewerKeys(model);
  const hasDetails = model.detail.value !== undefined;
  return (
    <div class={`viewer${hasDetails ? ' with-details' : ''}`}>
      <header class="viewer-head">
        <h1 class="visually-hidden">{title}</h1>
        <Toolbar model={model} />
        <StatusLine model={model} />
        <ConnectionProblem model={model} />
      </header>
      <main class="viewer-main" aria-label="Captured calls">
        <div class="list-pane">
          <CallGrid model={model} />
          <EmptyState model={model} />
        </div>
        <CallDetails model={model} />
      </main>
    </div>
  );
}
