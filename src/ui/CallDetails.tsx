/**
 * The details of the selected call: a summary line, the Web SDK command that made it, and the
 * Request, Response, identityMap, XDM, Validation, Headers, Raw, Timing and Sources tabs. The
 * call is decoded once (detail/decoded-bodies.ts).
 */
import { computed } from '@preact/signals';
import { useMemo } from 'preact/hooks';
import type { DecodedCall } from '../edge/decode-call';
import { actionLabel } from '../edge/endpoint';
import type { CapturedCall } from '../session/call';
import type { CallWithBodies } from '../shared/protocol';
import { CallActions } from './CallActions';
import type { DecodedBodies } from './detail/decoded-bodies';
import { useDecodedBodies } from './detail/decode-off-thread';
import './detail/detail.css';
import { laterCallsOf } from './detail/hint-usage';
import { IdentityView } from './detail/IdentityView';
import { LaterCalls } from './detail/later-calls';
import { RawView } from './detail/RawView';
import { RequestView } from './detail/RequestView';
import { ResponseView } from './detail/ResponseView';
import { ValidationView } from './detail/ValidationView';
import { XdmView } from './detail/XdmView';
import { HeadersPanel, SourcesPanel, TimingPanel } from './InfoPanels';
import { StatusText } from './StatusText';
import { Tabs } from './Tabs';
import { DETAIL_TABS, type DetailTab, type ViewerModel } from './viewer-model';

function TabContent({
  tab,
  detail,
  decoding,
  model,
}: {
  tab: DetailTab;
  detail: CallWithBodies;
  decoding: DecodedBodies | undefined;
  model: ViewerModel;
}) {
  const { call } = detail;
  switch (tab) {
    case 'Headers':
      return <HeadersPanel call={call} />;
    case 'Raw':
      return <RawView detail={detail} />;
    case 'Timing':
      return <TimingPanel call={call} />;
    case 'Sources': {
      const page = call.pageId !== undefined ? model.pages.value.get(call.pageId) : undefined;
      return <SourcesPanel call={call} page={page} />;
    }
    case 'Validation': {
      // The list's record: the worker re-validates it when the plan changes, bodies or not.
      const listed = model.calls.value.find((c) => c.id === call.id) ?? call;
      return <ValidationView call={listed} onReveal={model.revealXdm} />;
    }
  }
  if (!decoding) {
    const megabytes =
      ((detail.requestBody?.length ?? 0) + (detail.responseBody?.length ?? 0)) / 1e6;
    return (
      <p class="note" role="status">
        Decoding {megabytes.toFixed(1)} MB of bodies in the background… Raw, Headers, Timing and
        Sources are ready now.
      </p>
    );
  }
  switch (tab) {
    case 'Request':
      return <RequestView detail={detail} decoding={decoding} />;
    case 'Response':
      return <ResponseView detail={detail} decoding={decoding} />;
    case 'identityMap':
      return <IdentityView decoded={decoding.decoded} />;
    case 'XDM':
      return <XdmView request={decoding.decoded.request} reveal={model.xdmReveal.value} />;
  }
}

function countsText(decoded: DecodedCall): string | undefined {
  const parts = [
    decoded.errorCount && `${decoded.errorCount} ${decoded.errorCount === 1 ? 'error' : 'errors'}`,
    decoded.warningCount &&
      `${decoded.warningCount} ${decoded.warningCount === 1 ? 'warning' : 'warnings'}`,
  ].filter(Boolean);
  return parts.length ? parts.join(' · ') : undefined;
}

function Summary({ call, decoded }: { call: CapturedCall; decoded?: DecodedCall }) {
  const { endpoint } = call;
  const facts = [
    decoded ? countsText(decoded) : 'decoding…',
    actionLabel(endpoint),
    endpoint.version,
    endpoint.region && `region ${endpoint.region}`,
    endpoint.datastreamId && `datastream ${endpoint.datastreamId}`,
    call.override &&
      `overridden: sent to datastream ${call.override.to}${call.override.edgeDomain ? ` at ${call.override.edgeDomain}` : ''} instead of ${call.override.datastreamId}`,
    call.eventTypes?.length ? call.eventTypes.join(', ') : undefined,
  ].filter((fact): fact is string => typeof fact === 'string' && fact !== '');
  return (
    <div class="detail-summary">
      <p class="detail-url">
        <span class="method">{call.method}</span> {call.url}
      </p>
      <p class="facts">
        <StatusText call={call} /> · {facts.join(' · ')}
      </p>
    </div>
  );
}

/** The visit findings (visit-checks.ts) that name this call, when there are any. */
function VisitFindingsOfCall({ model, id }: { model: ViewerModel; id: string }) {
  const findings = model.findingsOfCall.value.get(id);
  if (!findings?.length) return null;
  return (
    <section class="detail-visit" aria-label="Visit findings for this call">
      <h3 class="detail-visit-title">
        Visit {findings.length === 1 ? 'finding' : 'findings'} naming this call
      </h3>
      <ul>
        {findings.map((finding, i) => (
          <li key={`${finding.rule}:${i}`} class={`detail-visit-finding ${finding.status}`}>
            <strong>
              {finding.status === 'fail' ? '✖' : '⚠'} {finding.title}
            </strong>
            : {finding.explanation}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** "Made by sendEvent #4 (documentUnloading)", when the call is linked to a Web SDK command. */
function MadeBy({ model, id }: { model: ViewerModel; id: string }) {
  const command = model.sdk.value.commandOfCall.get(id);
  if (!command) return null;
  return (
    <p class="detail-made-by">
      Made by {command.label}
      {command.instance ? ` (instance ${command.instance})` : ''}{' '}
      <button
        type="button"
        onClick={() => model.showSdk({ pageId: command.pageId, commandKey: command.key })}
      >
        Show {command.label} in the SDK view
      </button>
    </p>
  );
}

function LoadedCall({ model, detail }: { model: ViewerModel; detail: CallWithBodies }) {
  const decoding = useDecodedBodies(detail);
  const { call } = detail;
  // Only the location-hint view reads this, so only it re-renders as the list grows.
  const later = useMemo(
    () => computed(() => laterCallsOf(model.calls.value, call)),
    [model, call.id, call.seq, call.tabId],
  );
  return (
    <>
      <Summary call={call} decoded={decoding?.decoded} />
      <MadeBy model={model} id={call.id} />
      <VisitFindingsOfCall model={model} id={call.id} />
      <Tabs
        label="Call detail sections"
        tabs={DETAIL_TABS}
        active={model.detailTab.value}
        onChange={model.setDetailTab}
      >
        <LaterCalls.Provider value={later}>
          <TabContent
            tab={model.detailTab.value}
            detail={detail}
            decoding={decoding}
            model={model}
          />
        </LaterCalls.Provider>
      </Tabs>
    </>
  );
}

export function CallDetails({ model }: { model: ViewerModel }) {
  const state = model.detail.value;
  if (!state) return null;
  return (
    <section class="call-details" aria-label="Call details">
      <div class="detail-bar">
        <h2 class="detail-title">Call details</h2>
        {state.state === 'loaded' && <CallActions model={model} detail={state.detail} />}

        <button type="button" aria-label="Close details" onClick={() => model.select(undefined)}>
          ✕
        </button>
      </div>
      {state.state === 'loading' && <p class="note">Loading…</p>}
      {state.state === 'gone' && (
        <p class="note">This call is no longer stored (cleared or evicted by the store cap).</p>
      )}
      {state.state === 'loaded' && <LoadedCall model={model} detail={state.detail} />}
    </section>
  );
}
