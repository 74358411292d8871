/** The toolbar popup: a marketer's summary of the current tab's Edge calls. */
import { actionLabel } from '../edge/endpoint';
import { isFailure, type CapturedCall } from '../session/call';
import { pluralCalls } from './format';
import { recentCalls, type PopupModel } from './popup-model';
import { StatusText } from './StatusText';

function RecentCall({ call }: { call: CapturedCall }) {
  const failed = isFailure(call);
  return (
    <li class={`recent-call${failed ? ' failed' : ''}`} data-failed={failed ? 'true' : undefined}>
      {/* The separators are text so that the item reads "interact, page view, 200" aloud. */}
      <span class="action">{actionLabel(call.endpoint)}</span>
      <span class="visually-hidden">, </span>
      <span class="event-type">{call.eventTypes?.join(', ') || '(no event type)'}</span>
      <span class="visually-hidden">, </span>
      <StatusText call={call} />
    </li>
  );
}

function Summary({ model }: { model: PopupModel }) {
  const summary = model.summary.value;
  if (model.tabId === undefined) return <p class="note">No tab to summarise.</p>;
  if (!summary) return <p class="note">Loading…</p>;
  const recent = recentCalls(summary);
  const facts = [pluralCalls(summary.count)];
  if (summary.failures > 0) facts.push(`${summary.failures} failed`);
  if (summary.paused) facts.push('Capture paused');
  return (
    <>
      <p class={`count${summary.failures > 0 ? ' has-failures' : ''}`}>{facts.join(' · ')}</p>
      {recent.length > 0 ? (
        <ul aria-label="Recent calls" class="recent">
          {recent.map((call) => (
            <RecentCall key={call.id} call={call} />
          ))}
        </ul>
      ) : (
        <p class="note">No Edge Network calls on this tab yet.</p>
      )}
    </>
  );
}

export function Popup({ model }: { model: PopupModel }) {
  const error = model.error.value;
  return (
    <main class="popup" aria-label="Edge calls on this tab">
      <h1>AEP Edge Inspector</h1>
      <div role="status" aria-label="Tab summary" class="summary">
        <Summary model={model} />
        {error && <p class="note error">{error}</p>}
      </div>
      <button type="button" class="open-viewer" onClick={() => model.openViewer()}>
        Open viewer
      </button>
    </main>
  );
}
