/**
 * What a call row of the grid says, column by column, and its cells' tooltips: text only, since
 * everything is page data. The rows themselves are written by row-painter.ts.
 */
import { actionLabel } from '../edge/endpoint';
import { statusLabel, type CapturedCall, type PageVisit } from '../session/call';
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

/**
 * The text of each column of a call row but Event type(s) and Status, which have their own
 * parts (row-painter.ts): the same order as COLUMNS, with '' in those two places.
 */
export function callRowTexts(call: CapturedCall, page: PageVisit | undefined): string[] {
  const pageUrl = page?.url ?? call.documentUrl ?? '';
  return [
    formatClock(call.startedAt),
    call.resendOf ? `${actionLabel(call.endpoint)} · resend` : actionLabel(call.endpoint),
    '',
    call.override
      ? `${call.override.datastreamId} → ${call.override.to} (override)`
      : (call.endpoint.datastreamId ?? ''),
    '',
    call.handleTypes?.join(', ') ?? '',
    validationText(call),
    call.state === 'pending' ? '…' : formatDuration(call.durationMs),
    formatBytes(callSize(call)),
    pageUrl ? shortUrl(pageUrl) : '',
  ];
}
