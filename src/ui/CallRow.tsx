/** One row of the call grid: a call, or a page separator. Text only: everything is page data. */
import { actionLabel } from '../edge/endpoint';
import { isFailure, statusLabel, type CapturedCall, type PageVisit } from '../session/call';
import { StatusText } from './StatusText';
import type { ListRow } from './call-rows';
import { callSize, formatBytes, formatClock, formatDuration, shortUrl } from './format';

export const COLUMNS = [
  'Time',
  'Action',
  'Event type(s)',
  'Datastream',
  'Status',
  'Duration',
  'Size',
  'Page',
] as const;

export interface RowPosition {
  /** Index among the grid's body rows (0-based). */
  index: number;
  /** Offset from the top of the scrolled body, in px. */
  start: number;
}

function Cell({ text, title }: { text: string; title?: string }) {
  return (
    <div role="gridcell" class="cell" title={title ?? text}>
      {text}
    </div>
  );
}

interface CallRowProps {
  call: CapturedCall;
  page: PageVisit | undefined;
  position: RowPosition;
  selected: boolean;
  tabbable: boolean;
  onSelect: (id: string) => void;
}

export function CallRow({ call, page, position, selected, tabbable, onSelect }: CallRowProps) {
  const eventTypes = call.eventTypes?.join(', ') ?? '';
  const size = callSize(call);
  const pageUrl = page?.url ?? call.documentUrl ?? '';
  const failed = isFailure(call);
  return (
    <div
      role="row"
      aria-rowindex={position.index + 2}
      aria-selected={selected}
      tabIndex={tabbable ? 0 : -1}
      data-key={call.id}
      data-failed={failed ? 'true' : undefined}
      class={`row call-row${position.index % 2 ? ' odd' : ''}${selected ? ' selected' : ''}${failed ? ' failed' : ''}`}
      style={{ transform: `translateY(${position.start}px)` }}
      onClick={() => onSelect(call.id)}
    >
      <Cell text={formatClock(call.startedAt)} title={new Date(call.startedAt).toISOString()} />
      <Cell text={actionLabel(call.endpoint)} />
      <Cell text={eventTypes} />
      <Cell text={call.endpoint.datastreamId ?? ''} />
      <div role="gridcell" class="cell" title={statusLabel(call)}>
        <StatusText call={call} />
      </div>
      <Cell text={call.state === 'pending' ? '…' : formatDuration(call.durationMs)} />
      <Cell text={formatBytes(size)} />
      <Cell text={pageUrl ? shortUrl(pageUrl) : ''} title={pageUrl} />
    </div>
  );
}

export function SeparatorRow({
  row,
  position,
}: {
  row: Extract<ListRow, { kind: 'page' }>;
  position: RowPosition;
}) {
  return (
    <div
      role="row"
      aria-rowindex={position.index + 2}
      class="row page-row"
      data-kind="page"
      style={{ transform: `translateY(${position.start}px)` }}
    >
      {/* A row header, not a gridcell: it names the run of calls below, and it keeps "rows with a
          gridcell" meaning "call rows" for tests and assistive technology alike. */}
      <div role="rowheader" aria-colspan={COLUMNS.length} class="cell" title={row.label}>
        {row.label}
      </div>
    </div>
  );
}
