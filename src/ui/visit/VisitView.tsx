/**
 * The Visit view: the findings of the visit's checks (validate/visit-checks.ts) and the visit's
 * lanes (identity, consent, routing, personalization, media) as a table with one row per call
 * that says something, split by page. The table is virtualised like the call list: rows have a
 * height known from their line count, so nothing is measured. Everything shown is text.
 */
import { memo } from '../memo';
import { useCallback, useId, useMemo, useRef } from 'preact/hooks';
import type { VisitFinding } from '../../validate/visit-checks';
import { formatClock } from '../format';
import { hoverTitles } from '../hover-title';
import { useSlottedItems, useVirtualizer } from '../use-virtualizer';
import type { ViewerModel } from '../viewer-model';
import { callNames, findingCounts, LANES, visitRows, type VisitRow } from './visit-rows';
import './visit.css';

/** One line of a lane cell (px); a row is its lines plus padding. */
export const LINE_HEIGHT = 18;
const ROW_PADDING = 6;
/** Findings listed at most; the rest are counted. */
const MAX_FINDINGS = 100;
/** Call buttons per finding at most. */
const MAX_CALLS = 10;

const COLUMNS = ['Time', 'Call', ...LANES] as const;

function rowHeight(row: VisitRow | undefined): number {
  if (!row || row.kind === 'page') return LINE_HEIGHT + ROW_PADDING;
  return row.lines * LINE_HEIGHT + ROW_PADDING;
}

function Finding({
  finding,
  name,
  onShow,
}: {
  finding: VisitFinding;
  name: (id: string) => string;
  onShow: (id: string) => void;
}) {
  const shown = finding.callIds.slice(0, MAX_CALLS);
  const more = finding.callIds.length - shown.length;
  return (
    <li class={`visit-finding ${finding.status}`}>
      <h3 class="finding-title">
        <span class="finding-status">{finding.status === 'fail' ? '✖ Fail' : '⚠ Warn'}</span>{' '}
        {finding.title}
      </h3>
      <p>{finding.explanation}</p>
      <p>
        <span class="finding-label">What to check next:</span> {finding.next}
      </p>
      {shown.length > 0 && (
        <p class="finding-calls">
          {shown.map((id) => (
            <button type="button" key={id} onClick={() => onShow(id)}>
              Show {name(id)}
            </button>
          ))}
          {more > 0 && <span> and {more} more</span>}
        </p>
      )}
    </li>
  );
}

function Findings({ model, name }: { model: ViewerModel; name: (id: string) => string }) {
  const headingId = useId();
  const findings = model.findings.value;
  const missing = model.visit.value.missing;
  const shown = findings.slice(0, MAX_FINDINGS);
  return (
    <section class="visit-findings" aria-labelledby={headingId}>
      <h2 id={headingId} class="visit-heading">
        Visit findings: {findingCounts(findings)}
      </h2>
      {findings.length === 0 ? (
        <p class="visit-ok">No visit problems found.</p>
      ) : (
        <ul aria-label="Visit findings" class="finding-list">
          {shown.map((finding, i) => (
            <Finding
              key={`${finding.rule}:${finding.callIds[0] ?? i}:${i}`}
              finding={finding}
              name={name}
              onShow={model.showCall}
            />
          ))}
        </ul>
      )}
      {findings.length > shown.length && (
        <p class="note">{findings.length - shown.length} more findings are not listed.</p>
      )}
      {missing.length > 0 && (
        <>
          <p class="finding-label">What the visit cannot say:</p>
          <ul aria-label="What the visit cannot say" class="missing-list">
            {missing.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

interface LaneRowProps {
  row: VisitRow;
  index: number;
  start: number;
  size: number;
  onShow: (id: string) => void;
}

function LaneRowView({ row, index, start, size, onShow }: LaneRowProps) {
  const style = { transform: `translateY(${start}px)`, height: `${size}px` };
  if (row.kind === 'page')
    return (
      <div role="row" aria-rowindex={index + 2} class="lane-row lane-page" style={style}>
        <div role="cell" aria-colspan={COLUMNS.length} class="lane-cell" title={row.url}>
          Page: {row.label}
          {row.url && row.url !== row.label ? ` — ${row.url}` : ''} ·{' '}
          {row.callCount === 1 ? '1 call' : `${row.callCount} calls`}
        </div>
      </div>
    );
  return (
    <div
      role="row"
      aria-rowindex={index + 2}
      class={`lane-row lane-call${index % 2 ? ' odd' : ''}${row.findings ? ' flagged' : ''}`}
      style={style}
    >
      <div role="cell" class="lane-cell">
        <div class="line">{formatClock(row.at)}</div>
        <div class="line muted">{row.offset}</div>
      </div>
      <div role="cell" class="lane-cell">
        <div class="line">
          <button type="button" class="call-link" onClick={() => onShow(row.callId)}>
            {row.name}
          </button>
        </div>
        {row.findings > 0 && (
          <div class="line finding-mark">
            ⚠ {row.findings === 1 ? '1 finding' : `${row.findings} findings`}
          </div>
        )}
      </div>
      {LANES.map((lane) => (
        <div role="cell" class="lane-cell" key={lane}>
          {row.lanes[lane].map((line, i) => (
            <div class="line" key={i}>
              {line}
            </div>
          ))}
        </div>
      ))}
    </div>
  );
}

/**
 * A lane row re-renders only when it shows another row or moves: a scroll frame re-renders the
 * table, and the rows already in view keep their props (`onShow` is the model's, stable).
 */
const LaneRow = memo(LaneRowView);

function Lanes({ rows, onShow }: { rows: readonly VisitRow[]; onShow: (id: string) => void }) {
  const bodyRef = useRef<HTMLDivElement>(null);
  const headRef = useRef<HTMLDivElement>(null);
  // Functions that change only with the rows: a new one makes the virtualizer lay out every
  // row again (see CallGrid).
  const getScrollElement = useCallback(() => bodyRef.current, []);
  const estimateSize = useCallback((index: number) => rowHeight(rows[index]), [rows]);
  const getItemKey = useCallback((index: number) => rows[index]?.key ?? index, [rows]);
  const virtualizer = useVirtualizer<HTMLDivElement, HTMLDivElement>({
    count: rows.length,
    getScrollElement,
    estimateSize,
    getItemKey,
    overscan: 10,
  });
  // Row elements are re-used as the lanes scroll (row-slots.ts), in order again once settled.
  const slotted = useSlottedItems(virtualizer);
  const calls = useMemo(() => rows.filter((row) => row.kind === 'call').length, [rows]);
  const laneTitles = hoverTitles('.lane-cell .line', (line) => line.textContent ?? '');
  return (
    <div
      role="table"
      aria-label="Visit lanes"
      aria-rowcount={rows.length + 1}
      aria-colcount={COLUMNS.length}
      class="visit-lanes"
    >
      <div role="rowgroup" class="lanes-head" ref={headRef}>
        <div role="row" aria-rowindex={1} class="lane-row">
          {COLUMNS.map((name) => (
            <div role="columnheader" class="lane-cell" key={name}>
              {name}
            </div>
          ))}
        </div>
      </div>
      <div
        role="rowgroup"
        class="lanes-body"
        ref={bodyRef}
        // Scrollable by keyboard: the rows hold no focusable thing but their call buttons.
        tabIndex={0}
        aria-label={`${calls} calls with something to show`}
        onScroll={(event) => {
          if (headRef.current) headRef.current.scrollLeft = event.currentTarget.scrollLeft;
        }}
        // A lane line's tooltip is all of its text.
        {...laneTitles}
      >
        <div role="none" class="lanes-spacer" style={{ height: `${virtualizer.getTotalSize()}px` }}>
          {slotted.map(({ item, slot }) => {
            const row = rows[item.index];
            if (!row) return null;
            return (
              <LaneRow
                key={slot}
                row={row}
                index={item.index}
                start={item.start}
                size={item.size}
                onShow={onShow}
              />
            );
          })}
        </div>
      </div>
    </div>
  );
}

export function VisitView({
  model,
  id,
  labelledBy,
}: {
  model: ViewerModel;
  id: string;
  labelledBy: string;
}) {
  const visit = model.visit.value;
  const findings = model.findings.value;
  const calls = model.calls.value;
  const rows = useMemo(() => visitRows(visit, calls, findings), [visit, calls, findings]);
  const names = useMemo(() => callNames(visit, calls), [visit, calls]);
  const name = (callId: string) => names.get(callId) ?? 'the call';
  return (
    <div role="tabpanel" id={id} aria-labelledby={labelledBy} class="visit-pane">
      <Findings model={model} name={name} />
      <Lanes rows={rows} onShow={model.showCall} />
    </div>
  );
}
