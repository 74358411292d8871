/**
 * The side panel, for marketers clicking through their site: the active tab's events in plain
 * words, page by page and newest last, what the visit checks found, the visitor's consent and
 * ECID, and buttons to pause capture and export. Everything from the page is rendered as text.
 */
import { pluralCalls } from './format';
import type { PageGroup, SidePanelModel } from './side-panel-model';
import type { VisitFinding } from '../validate/visit-checks';
import { OverrideBanner } from './override/OverrideBanner';
import { CaptureActions } from './CaptureActions';

function Visitor({ model }: { model: SidePanelModel }) {
  const { consent, ecid } = model.state.value?.visitor ?? {};
  return (
    <section aria-labelledby="sp-visitor" class="sp-section">
      <h2 id="sp-visitor">Visitor</h2>
      <dl class="sp-visitor">
        <dt>Consent</dt>
        <dd>{consent ?? 'not seen yet'}</dd>
        <dt>ECID</dt>
        <dd class="ecid">{ecid ?? 'not seen yet'}</dd>
      </dl>
    </section>
  );
}

function Finding({ finding }: { finding: VisitFinding }) {
  return (
    <li class={`sp-finding ${finding.status}`}>
      <p class="sp-finding-title">
        <span class="sp-badge">{finding.status === 'fail' ? 'Problem' : 'Warning'}</span>{' '}
        {finding.title}
      </p>
      <p class="sp-finding-text">{finding.explanation}</p>
    </li>
  );
}

function Findings({ model }: { model: SidePanelModel }) {
  const findings = model.state.value?.findings ?? [];
  return (
    <section aria-labelledby="sp-findings" class="sp-section">
      <h2 id="sp-findings">Visit findings</h2>
      {findings.length ? (
        <ul aria-label="Visit findings" class="sp-findings">
          {findings.map((finding, i) => (
            <Finding key={`${finding.rule}:${i}`} finding={finding} />
          ))}
        </ul>
      ) : (
        <p class="note">Nothing found so far.</p>
      )}
    </section>
  );
}

function Page({ group }: { group: PageGroup }) {
  return (
    <section class="sp-page" aria-label={`Page: ${group.title}`}>
      <h3 class="sp-page-title">{group.title}</h3>
      {group.lines.length ? (
        <ul aria-label={`Events on ${group.title}`} class="sp-events">
          {group.lines.map((line) => (
            <li key={line.key} class={`sp-event${line.problem ? ' problem' : ''}`}>
              <span class="sp-event-text">{line.text}</span>{' '}
              <span class="sp-event-status">
                {line.problem && <span aria-hidden="true">✖ </span>}
                {line.problem && !line.status.startsWith('failed') && (
                  <span class="visually-hidden">problem, </span>
                )}
                {line.status}
              </span>
            </li>
          ))}
        </ul>
      ) : (
        <p class="note">No events on this page yet.</p>
      )}
    </section>
  );
}

function Events({ model }: { model: SidePanelModel }) {
  const groups = model.groups.value;
  return (
    <section aria-labelledby="sp-events" class="sp-section">
      <h2 id="sp-events">Events</h2>
      <div role="log" aria-label="Events by page" class="sp-log">
        {groups.length ? (
          groups.map((group) => <Page key={group.key} group={group} />)
        ) : (
          <p class="note">No Edge Network calls on this tab yet.</p>
        )}
      </div>
    </section>
  );
}

function summaryWords(model: SidePanelModel): string {
  const state = model.state.value;
  if (model.tabId.value === undefined) return 'No tab to follow.';
  if (!state) return 'Loading…';
  const facts = [pluralCalls(state.count)];
  if (state.failures > 0) facts.push(`${state.failures} failed`);
  if (state.findings.length)
    facts.push(`${state.findings.length} ${state.findings.length === 1 ? 'finding' : 'findings'}`);
  if (state.paused) facts.push('Capture paused');
  return facts.join(' · ');
}

export function SidePanel({ model }: { model: SidePanelModel }) {
  const error = model.error.value;
  return (
    <main class="side-panel" aria-labelledby="sp-title">
      <h1 id="sp-title">AEP Edge Inspector</h1>
      <OverrideBanner tabId={model.tabId.value} />
      <div role="status" aria-label="Tab summary" class="sp-summary">
        <p class="count">{summaryWords(model)}</p>
        {error && <p class="note error">{error}</p>}
      </div>
      <CaptureActions
        model={model}
        paused={model.state.value?.paused ?? false}
        label="Side panel actions"
      />
      <Visitor model={model} />
      <Findings model={model} />
      <Events model={model} />
    </main>
  );
}
