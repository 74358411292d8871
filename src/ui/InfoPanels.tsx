/** The Headers, Timing and Sources tabs of the call details. */
import type { CapturedCall, Header, PageVisit } from '../session/call';
import { statusLabel } from '../session/call';
import { Facts } from './detail/Facts';
import { formatDuration, formatInstant } from './format';

function HeaderTable({ caption, headers }: { caption: string; headers: Header[] | undefined }) {
  if (!headers || headers.length === 0) {
    return (
      <section class="headers" aria-label={caption}>
        <h3>{caption}</h3>
        <p class="note">None captured.</p>
      </section>
    );
  }
  return (
    <table class="headers">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col">Value</th>
        </tr>
      </thead>
      <tbody>
        {headers.map((header, index) => (
          <tr key={`${index}:${header.name}`}>
            <th scope="row">{header.name}</th>
            <td>{header.value}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function HeadersPanel({ call }: { call: CapturedCall }) {
  return (
    <>
      <HeaderTable caption="Request headers" headers={call.requestHeaders} />
      <HeaderTable caption="Response headers" headers={call.responseHeaders} />
    </>
  );
}

export function TimingPanel({ call }: { call: CapturedCall }) {
  return (
    <Facts
      label="Timing"
      facts={[
        ['Started', formatInstant(call.startedAt)],
        ['Ended', call.endedAt !== undefined ? formatInstant(call.endedAt) : undefined],
        ['Duration', formatDuration(call.durationMs)],
        ['State', call.state],
        ['Status', [statusLabel(call), call.statusText].filter(Boolean).join(' ')],
        ['Error', call.error],
      ]}
    />
  );
}

export function SourcesPanel({ call, page }: { call: CapturedCall; page: PageVisit | undefined }) {
  return (
    <>
      <h3>Seen by</h3>
      <ul aria-label="Capture sources" class="sources">
        {call.sources.map((source) => (
          <li key={source}>{source}</li>
        ))}
      </ul>
      <Facts
        label="Source details"
        facts={[
          ['Transport', call.transport ?? 'unknown (the page hook did not see it)'],
          ['Tab id', call.tabId < 0 ? 'none (not from a tab)' : String(call.tabId)],
          ['Frame id', call.frameId !== undefined ? String(call.frameId) : undefined],
          ['Initiator', call.initiator],
          ['Page', page ? `${page.url}${page.title ? ` (${page.title})` : ''}` : call.pageId],
          ['Document URL', call.documentUrl],
          ['Web SDK instance', call.sdkInstance],
        ]}
      />
    </>
  );
}
