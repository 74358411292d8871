/**
 * The toolbar popup, for people who never open DevTools: the current tab's calls in plain words
 * ("Page view: home", "Personalization: 2 offers", "Consent: in"), errors highlighted, the
 * visitor's consent and ECID, how many visit findings there are, and buttons to pause, export, and
 * open the side panel or the full viewer.
 */
import { isFailure } from '../session/call';
import type { TabValidation } from '../validate/types';
import { pluralCalls } from './format';
import { recentCalls, type PlainCall, type PopupModel } from './popup-model';
import { StatusText } from './StatusText';
import { OverrideBanner } from './override/OverrideBanner';
import { CaptureActions } from './CaptureActions';

const PLAIN_CALLS = 8;

function RecentCall({ item }: { item: PlainCall }) {
  const failed = isFailure(item.call) || item.lines.some((line) => line.problem);
  return (
    <li class={`recent-call${failed ? ' failed' : ''}`} data-failed={failed ? 'true' : undefined}>
      <span class="plain">
        {item.lines.map((line, i) => (
          <span key={i} class={line.problem ? 'problem' : undefined}>
            {i > 0 ? '; ' : ''}
            {line.text}
          </span>
        ))}
      </span>
      <span class="visually-hidden">, </span>
      <StatusText call={item.call} />
    </li>
  );
}

function Visitor({ model }: { model: PopupModel }) {
  const { consent, ecid } = model.visitor.value;
  return (
    <section aria-label="Visitor" class="visitor">
      <dl>
        <dt>Consent</dt>
        <dd>{consent ?? 'not seen yet'}</dd>
        <dt>ECID</dt>
        <dd class="ecid">{ecid ?? 'not seen yet'}</dd>
      </dl>
    </section>
  );
}

/** "3 of 14 events fail the plan: page view without a name; …" in plain words. */
export function planWords(validation: TabValidation): string {
  const { counts, problems } = validation;
  const of = `${counts.events} ${counts.events === 1 ? 'event' : 'events'}`;
  const detail = problems.length ? `: ${problems.join('; ')}` : '';
  if (counts.failed)
    return `${counts.failed} of ${of} ${counts.failed === 1 ? 'fails' : 'fail'} the plan${detail}`;
  if (counts.warned) return `${counts.warned} of ${of} with warnings${detail}`;
  if (!counts.events) return `No events to check against ${validation.plan} yet.`;
  return `All ${of} pass ${validation.plan}.`;
}

function Summary({ model }: { model: PopupModel }) {
  const summary = model.summary.value;
  if (model.tabId === undefined) return <p class="note">No tab to summarise.</p>;
  if (!summary) return <p class="note">Loading…</p>;
  // Plain words once the bodies are decoded; until then the summary's own list.
  const plain = model.plain.value.slice(0, PLAIN_CALLS);
  const recent: PlainCall[] = plain.length
    ? plain
    : recentCalls(summary).map((call) => ({
        id: call.id,
        call,
        lines: [{ text: call.eventTypes?.join(', ') || call.endpoint.action, problem: false }],
      }));
  const facts = [pluralCalls(summary.count)];
  if (summary.failures > 0) facts.push(`${summary.failures} failed`);
  if (summary.visitFindings)
    facts.push(
      `${summary.visitFindings} visit ${summary.visitFindings === 1 ? 'finding' : 'findings'}`,
    );
  if (summary.paused) facts.push('Capture paused');
  return (
    <>
      <p class={`count${summary.failures > 0 ? ' has-failures' : ''}`}>{facts.join(' · ')}</p>
      {summary.validation && (
        <p class={`validation${summary.validation.counts.failed ? ' has-failures' : ''}`}>
          {planWords(summary.validation)}
        </p>
      )}
      {recent.length > 0 ? (
        <ul aria-label="Recent calls" class="recent">
          {recent.map((item) => (
            <RecentCall key={item.id} item={item} />
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
      <OverrideBanner tabId={model.tabId} />
      <div role="status" aria-label="Tab summary" class="summary">
        <Summary model={model} />
        {error && <p class="note error">{error}</p>}
      </div>
      <Visitor model={model} />
      <CaptureActions
        model={model}
        paused={model.summary.value?.paused ?? false}
        label="Popup actions"
      />
      <div class="open-buttons">
        <button type="button" class="open-side-panel" onClick={() => model.openSidePanel()}>
          Open side panel
        </button>
        <button type="button" class="open-viewer" onClick={() => model.openViewer()}>
          Open viewer
        </button>
      </div>
    </main>
  );
}
