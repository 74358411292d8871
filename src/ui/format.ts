/** Pure text formatting for the list and the details. Locale-independent so tests are stable. */
import type { CapturedCall } from '../session/call';

function pad(value: number, width = 2): string {
  return String(value).padStart(width, '0');
}

/** `14:03:07.125` in local time: the list column. */
export function formatClock(epochMs: number): string {
  if (!Number.isFinite(epochMs)) return '';
  const d = new Date(epochMs);
  return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}`;
}

/** ISO date-time, for the Timing tab (unambiguous across time zones). */
export function formatInstant(epochMs: number | undefined): string {
  if (epochMs === undefined || !Number.isFinite(epochMs)) return '—';
  return new Date(epochMs).toISOString();
}

export function formatDuration(ms: number | undefined): string {
  if (ms === undefined || !Number.isFinite(ms) || ms < 0) return '—';
  return `${Math.round(ms)} ms`;
}

const UNITS = ['kB', 'MB', 'GB'];

/** Decimal units, as Chromium's network panel uses them: `512 B`, `1.2 kB`, `3.4 MB`. */
export function formatBytes(bytes: number | undefined): string {
  if (bytes === undefined || !Number.isFinite(bytes) || bytes < 0) return '—';
  if (bytes < 1000) return `${Math.round(bytes)} B`;
  let value = bytes / 1000;
  let unit = 0;
  while (value >= 1000 && unit < UNITS.length - 1) {
    value /= 1000;
    unit++;
  }
  return `${value < 10 ? value.toFixed(1) : Math.round(value)} ${UNITS[unit] ?? 'GB'}`;
}

/** Request + response bytes; undefined when neither size is known. */
export function callSize(call: Pick<CapturedCall, 'request' | 'response'>): number | undefined {
  const { size: sent } = call.request;
  const { size: received } = call.response;
  if (sent === undefined && received === undefined) return undefined;
  return (sent ?? 0) + (received ?? 0);
}

// A page's calls share its URL, so a scroll frame's rows parse the same few URLs again.
const shortUrls = new Map<string, string>();

/** `example.com/path` for narrow columns; the raw text when it is not a URL. */
export function shortUrl(raw: string): string {
  let short = shortUrls.get(raw);
  if (short !== undefined) return short;
  try {
    const url = new URL(raw);
    short = `${url.host}${url.pathname === '/' ? '' : url.pathname}${url.search}`;
  } catch {
    short = raw;
  }
  if (shortUrls.size >= 500) shortUrls.clear();
  shortUrls.set(raw, short);
  return short;
}

export function pluralCalls(count: number): string {
  return `${count} ${count === 1 ? 'call' : 'calls'}`;
}
