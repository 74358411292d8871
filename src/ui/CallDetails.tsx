/** The details of the selected call: a summary line and the Request…Sources tabs. */
import { actionLabel } from '../edge/endpoint';
import type { CapturedCall } from '../session/call';
import type { CallDetail } from '../shared/protocol';
import { BodyPanel } from './BodyPanel';
import { CallActions } from './CallActions';

import { StatusText } from './StatusText';
import { HeadersPanel, SourcesPanel, TimingPanel } from './InfoPanels';
import { Tabs } from './Tabs';
import { DETAIL_TABS, type DetailTab, type ViewerModel } from './viewer-model';

function TabContent({
  tab,
  detail,
  model,
}: {
  tab: DetailTab;
  detail: CallDetail;
  model: ViewerModel;
}) {
  const { call } = detail;
  switch (tab) {
    case 'Request':
      return <BodyPanel label="Request" meta={call.request} text={detail.requestBody} />;
    case 'Response':
      return <BodyPanel label="Response" meta={call.response} text={detail.responseBody} />;
    case 'Headers':
      return <HeadersPanel call={call} />;
    case 'Timing':
      return <TimingPanel call={call} />;
    case 'Sources': {
      const page = call.pageId !== undefined ? model.pages.value.get(call.pageId) : undefined;
      return <SourcesPanel call={call} page={page} />;
    }
  }
}

function Summary({ call }: { call: CapturedCall }) {
  const { endpoint } = call;
  const facts = [
    actionLabel(endpoint),
    endpoint.version,
    endpoint.region && `region ${endpoint.region}`,
    endpoint.datastreamId && `datastream ${endpoint.datastreamId}`,
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
      {state.state === 'loaded' && (
        <>
          <Summary call={state.detail.call} />
          <Tabs
            label="Call detail sections"
            tabs={DETAIL_TABS}
            active={model.detailTab.value}
            onChange={model.setDetailTab}
          >
            <TabContent tab={model.detailTab.value} detail={state.detail} model={model} />
          </Tabs>
        </>
      )}
    </section>
  );
}
