/**
 * One row of the call grid: a call, one event of an expanded batch, or a page separator. Text
 * only: everything is page data. A batch (several events in one call) is one row with a
 * disclosure; opened, one row per event follows it (see call-rows.ts `withEventRows`).
 */
import { actionLabel } from '../edge/endpoint';
import { isFailure, statusLabel, type CapturedCall, type PageVisit } from '../session/call';
import { memo } from './memo';
import { StatusText } from './StatusText';
import {
  eventHandleTypes,
  isBatch,
  type EventRow as EventRowData,
  type ListRow,
} from './call-rows';
import { callSize, formatBytes, formatClock, formatDuration, shortUrl } from './format';

export const COLUMNS = [
  'Time',
  'Action',
  'Event type(s)',
  'Datastream',
  'Status',
  'Handles',
  'Validation',
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

/**
 * A cell: its text only. Its tooltip is set while the pointer is over it (`cellTitle`, by the
 * grid): ten `title` attributes a row were a fifth of what a scroll frame changed.
 */
function cell(text: string) {
  return (
    <div role="gridcell" class="cell">
      {text}
    </div>
  );
}

/**
 * The call's events against the plan: `✓` when none fails or warns, `✗ 2 · ⚠ 1` (events that fail,
 * events that only warn), or '' without a plan (or before the request body is known).
 */
export function validationText(call: Pick<CapturedCall, 'validation'>): string {
  const counts = call.validation?.counts;
  if (!counts || counts.events === 0) return '';
  const parts: string[] = [];
  if (counts.failed) parts.push(`✗ ${counts.failed}`);
  if (counts.warned) parts.push(`⚠ ${counts.warned}`);
  return parts.length ? parts.join(' · ') : '✓';
}

function validationTitle(call: Pick<CapturedCall, 'validation'>): string {
  const counts = call.validation?.counts;
  if (!counts || counts.events === 0) return '';
  return `${counts.events} ${counts.events === 1 ? 'event' : 'events'}: ${counts.failed} fail, ${counts.warned} warn only, ${counts.passed} pass (${call.validation?.plan ?? ''})`;
}

/** `1 error · 2 warnings`, or '' when the response had none (or is not known yet). */
export function problemCounts(call: Pick<CapturedCall, 'errorCount' | 'warningCount'>): string {
  const parts: string[] = [];
  const errors = call.errorCount ?? 0;
  const warnings = call.warningCount ?? 0;
  if (errors) parts.push(`${errors} ${errors === 1 ? 'error' : 'errors'}`);
  if (warnings) parts.push(`${warnings} ${warnings === 1 ? 'warning' : 'warnings'}`);
  return parts.join(' · ');
}

function EventTypeCell({
  call,
  expanded,
  onToggle,
}: {
  call: CapturedCall;
  expanded: boolean;
  onToggle: (id: string) => void;
}) {
  const types = call.eventTypes ?? [];
  if (!isBatch(call)) return cell(types.join(', '));
  const text = `${types.length} events: ${types.join(', ')}`;
  return (
    <div role="gridcell" class="cell event-cell">
      {/* Out of the tab order: the row has the focus, and Right/Left open and close it. */}
      <button
        type="button"
        class="disclosure"
        tabIndex={-1}
        aria-expanded={expanded}
        aria-label={expanded ? 'Hide the events' : `Show the ${types.length} events`}
        onClick={(event) => {
          event.stopPropagation();
          onToggle(call.id);
        }}
      >
        {expanded ? '▾' : '▸'}
      </button>{' '}
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
  expanded: boolean;
  onSelect: (id: string) => void;
  onToggle: (id: string) => void;
}

function CallRowView(props: CallRowProps) {
  const { call, page, position, selected, tabbable, expanded } = props;
  const size = callSize(call);
  const pageUrl = page?.url ?? call.documentUrl ?? '';
  const failed = isFailure(call);
  const counts = problemCounts(call);
  const handles = call.handleTypes?.join(', ') ?? '';
  return (
    <div
      role="row"
      aria-rowindex={position.index + 2}
      aria-selected={selected}
      aria-expanded={isBatch(call) ? expanded : undefined}
      tabIndex={tabbable ? 0 : -1}
      data-key={call.id}
      data-failed={failed ? 'true' : undefined}
      class={`row call-row${position.index % 2 ? ' odd' : ''}${selected ? ' selected' : ''}${failed ? ' failed' : ''}`}
      style={{ transform: `translateY(${position.start}px)` }}
      onClick={() => props.onSelect(call.id)}
    >
      {cell(formatClock(call.startedAt))}
      {cell(call.resendOf ? `${actionLabel(call.endpoint)} · resend` : actionLabel(call.endpoint))}
      <EventTypeCell call={call} expanded={expanded} onToggle={props.onToggle} />
      {cell(
        call.override
          ? `${call.override.datastreamId} → ${call.override.to} (override)`
          : (call.endpoint.datastreamId ?? ''),
      )}
      <div role="gridcell" class="cell">
        <StatusText call={call} />
        {counts && (
          <span class={call.errorCount ? 'problem-count' : 'warning-count'}> · {counts}</span>
        )}
      </div>
      {cell(handles)}
      {cell(validationText(call))}
      {cell(call.state === 'pending' ? '…' : formatDuration(call.durationMs))}
      {cell(formatBytes(size))}
      {cell(pageUrl ? shortUrl(pageUrl) : '')}
    </div>
  );
}

/**
 * The tooltip of a call row's cell (by column): the whole of what the cell may cut short, and
 * for the time, status, validation and page cells more than they show.
 */
export function cellTitle(
  call: CapturedCall,
  page: PageVisit | undefined,
  column: number,
  text: string,
): string {
  switch (COLUMNS[column]) {
    case 'Time':
      return new Date(call.startedAt).toISOString();
    case 'Status': {
      const counts = problemCounts(call);
      return counts ? `${statusLabel(call)} · ${counts}` : statusLabel(call);
    }
    case 'Validation':
      return validationTitle(call);
    case 'Page':
      return page?.url ?? call.documentUrl ?? '';
    default:
      return text;
  }
}

/** One event of an opened batch: its index and type, and the handles addressed to it. */
function EventRowView({
  row,
  position,
  selected,
  onSelect,
}: {
  row: EventRowData;
  position: RowPosition;
  selected: boolean;
  onSelect: (id: string) => void;
}) {
  const handles = eventHandleTypes(row.call, row.eventIndex).join(', ');
  const count = row.call.eventTypes?.length ?? 0;
  return (
    <div
      role="row"
      aria-rowindex={position.index + 2}
      data-kind="event"
      data-call={row.call.id}
      class={`row event-row${selected ? ' selected' : ''}`}
      style={{ transform: `translateY(${position.start}px)` }}
      onClick={() => onSelect(row.call.id)}
    >
      {cell('')}
      {cell(`event ${row.eventIndex + 1} of ${count}`)}
      {cell(`#${row.eventIndex} ${row.eventType}`)}
      {cell('')}
      {cell('')}
      {cell(handles)}
      {cell('')}
      {cell('')}
      {cell('')}
    </div>
  );
}

function SeparatorRowView({
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
          gridcell" meaning "call rows" (plus the event rows of a batch the user opened). */}
      <div role="rowheader" aria-colspan={COLUMNS.length} class="cell">
        {row.label}
      </div>
    </div>
  );
}

/**
 * Rows re-render only when what they show changed: a scroll frame moves the grid's window and
 * re-renders the grid, but the rows already in view keep their props (their position by value;
 * handlers are the grid's and act through stable state setters, so an older one does the same).
 */
function sameRow<P extends object>(before: P, after: P): boolean {
  for (const key of Object.keys(after) as (keyof P)[]) {
    const a = before[key];
    const b = after[key];
    if (typeof b === 'function') continue;
    if (key === 'position') {
      const [p, q] = [a as RowPosition, b as RowPosition];
      if (p.index !== q.index || p.start !== q.start) return false;
    } else if (a !== b) return false;
  }
  return true;
}

export const CallRow = memo(CallRowView, sameRow);
export const EventRow = memo(EventRowView, sameRow);
export const SeparatorRow = memo(SeparatorRowView, sameRow);
