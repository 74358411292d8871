/**
 * CSV export: one row per event (a batch call gives several rows; a call without events, such as
 * identity/acquire, gives one). RFC 4180 quoting, and cells that a spreadsheet would run as a
 * formula are prefixed with a quote (CSV injection).
 */
import type { PreparedCall, PreparedExport } from './export-model';
import { csvCell } from '../validate/csv-cell';
import { statusLabel } from './call';

export const CSV_COLUMNS = [
  'time',
  'page',
  'action',
  'eventType',
  'datastream',
  'status',
  'primaryIdentity',
  'handleTypes',
  'errors',
  'note',
] as const;

function rowsOf(item: PreparedCall, pageUrl: string | undefined): string[][] {
  const { call, decoded } = item;
  const errors = decoded.errors.map((e) => e.line).join(' | ');
  const base = {
    time: new Date(call.startedAt).toISOString(),
    page: pageUrl ?? call.documentUrl ?? '',
    action: decoded.action,
    datastream: call.endpoint.datastreamId ?? '',
    status: statusLabel(call),
    note: call.note ?? '',
  };
  const events = decoded.events.length
    ? decoded.events
    : [{ eventType: '', primaryIdentity: undefined, handleTypes: [] as string[] }];
  return events.map((event) => [
    base.time,
    base.page,
    base.action,
    event.eventType,
    base.datastream,
    base.status,
    event.primaryIdentity ?? '',
    [...new Set([...event.handleTypes, ...decoded.requestHandleTypes])].join(' '),
    errors,
    base.note,
  ]);
}

export function toCsv(prepared: PreparedExport): string {
  const pageUrl = new Map(prepared.pages.map((p) => [p.id, p.url]));
  const lines = [CSV_COLUMNS.join(',')];
  for (const item of prepared.calls) {
    const page = item.call.pageId ? pageUrl.get(item.call.pageId) : undefined;
    for (const row of rowsOf(item, page)) lines.push(row.map(csvCell).join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}
