/** The viewer: toolbar, status line, the call grid and the selected call's details. */
import { CallDetails } from './CallDetails';
import { CallGrid } from './CallGrid';
import { StatusLine, Toolbar } from './Toolbar';
import type { ViewerModel } from './viewer-model';

function EmptyState({ model }: { model: ViewerModel }) {
  if (model.rows.value.length > 0) return null;
  const text =
    model.calls.value.length > 0
      ? 'No calls match the filter or the "Preserve log" setting.'
      : model.loading.value
        ? 'Loading captured calls…'
        : 'No Edge Network calls captured yet. Use the page (or reload it) to see its calls here.';
  return <p class="empty-state">{text}</p>;
}

export function Viewer({ model, title }: { model: ViewerModel; title: string }) {
  const hasDetails = model.detail.value !== undefined;
  return (
    <div class={`viewer${hasDetails ? ' with-details' : ''}`}>
      <header class="viewer-head">
        <h1 class="visually-hidden">{title}</h1>
        <Toolbar model={model} />
        <StatusLine model={model} />
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
