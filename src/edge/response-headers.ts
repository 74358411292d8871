/**
 * The response headers the Web SDK reads (docs/edge-protocol.md §2.1): `x-adobe-edge` and
 * `Retry-After`, plus the content type and `x-request-id` for the debugger's own notes.
 */
import { field } from './read';
import { parseHttpDate, parseRetryAfter, type RetryAfter } from './retry-after';

export interface HeaderLine {
  name: string;
  value: string;
}

export interface EdgeHeader {
  raw: string;
  /** The part before `;`, e.g. `OR2`. */
  region?: string;
  /** The integer after `;`: alloy reports it as `edge.regionId` from getIdentity. */
  regionId?: number;
  note?: string;
}

/** First header with this name, case-insensitively; tolerant of junk entries. */
export function findHeader(
  headers: readonly unknown[] | undefined,
  name: string,
): string | undefined {
  if (!Array.isArray(headers)) return undefined;
  const wanted = name.toLowerCase();
  for (const header of headers as readonly unknown[]) {
    const headerName = field(header, 'name');
    const value = field(header, 'value');
    if (typeof headerName === 'string' && typeof value === 'string') {
      if (headerName.toLowerCase() === wanted) return value;
    }
  }
  return undefined;
}

/**
 * `<region>;<int>`. Alloy takes `parseInt` of the second part and only warns when that fails,
 * so `OR2;9x` still gives 9: the note says so.
 */
export function parseEdgeHeader(value: string): EdgeHeader {
  const raw = typeof value === 'string' ? value : '';
  const at = raw.indexOf(';');
  const region = (at < 0 ? raw : raw.slice(0, at)).trim() || undefined;
  const idText =
    at < 0
      ? ''
      : (raw
          .slice(at + 1)
          .split(';')[0]
          ?.trim() ?? '');
  const regionId = Number.parseInt(idText, 10);
  if (Number.isNaN(regionId)) {
    return { raw, region, note: 'Not in the `<region>;<number>` form; alloy logs a warning.' };
  }
  const header: EdgeHeader = { raw, region, regionId };
  if (!/^\d+$/.test(idText))
    header.note = `The region id is not a plain number; alloy reads ${regionId}.`;
  if (!region) header.note = 'The region name before `;` is missing.';
  return header;
}

export interface ResponseHeaders {
  edge?: EdgeHeader;
  retryAfter?: RetryAfter;
  contentType?: string;
  requestId?: string;
}

/** The headers the decoders care about, parsed. */
export function readResponseHeaders(headers: readonly unknown[] | undefined): ResponseHeaders {
  const out: ResponseHeaders = {};
  const edge = findHeader(headers, 'x-adobe-edge');
  if (edge !== undefined) out.edge = parseEdgeHeader(edge);
  const retry = findHeader(headers, 'retry-after');
  if (retry !== undefined) out.retryAfter = parseRetryAfter(retry, receivedAt(headers));
  out.contentType = findHeader(headers, 'content-type');
  out.requestId = findHeader(headers, 'x-request-id');
  return out;
}

/** The response's own `Date` header, so a Retry-After date becomes a delay without a clock. */
function receivedAt(headers: readonly unknown[] | undefined): number | undefined {
  const date = findHeader(headers, 'date');
  if (date === undefined) return undefined;
  return parseHttpDate(date.trim());
}
