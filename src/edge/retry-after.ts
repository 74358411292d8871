/**
 * `Retry-After` (RFC 9110 §10.2.3): integer seconds or an HTTP-date. Alloy honours both when it
 * retries 429, 502, 503 and 504 (docs/edge-protocol.md §2.3). Pure: the time the response arrived is
 * passed in, never read from a clock.
 */

export interface RetryAfter {
  raw: string;
  kind: 'seconds' | 'date' | 'invalid';
  /** Delay in seconds: the value itself, or date minus `receivedAt` when that was given. */
  seconds?: number;
  /** The HTTP-date as ISO 8601. */
  date?: string;
  /** "retry after 120 seconds (2 minutes)", "retry at 2026-11-25T10:00:00.000Z". */
  text: string;
  note?: string;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
// IMF-fixdate, the only form senders may generate: `Sun, 06 Nov 1994 08:49:37 GMT`.
const IMF_FIXDATE =
  /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), (\d{2}) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) (\d{4}) (\d{2}):(\d{2}):(\d{2}) GMT$/;

/**
 * Parses a Retry-After value. `receivedAt` (epoch ms, e.g. the response's Date header or capture
 * time) turns a date into a delay.
 */
export function parseRetryAfter(value: string, receivedAt?: number): RetryAfter {
  const raw = typeof value === 'string' ? value : '';
  const trimmed = raw.trim();
  if (/^\d+$/.test(trimmed)) {
    const seconds = Number(trimmed);
    return { raw, kind: 'seconds', seconds, text: `retry after ${secondsText(seconds)}` };
  }
  const epoch = parseHttpDate(trimmed);
  if (epoch === undefined) {
    const note = /^-?\d+(\.\d+)?$/.test(trimmed)
      ? 'Retry-After seconds must be a whole, non-negative number.'
      : 'Retry-After is neither seconds nor an HTTP-date (like "Wed, 25 Nov 2026 10:00:00 GMT").';
    return { raw, kind: 'invalid', text: `unreadable Retry-After ${JSON.stringify(raw)}`, note };
  }
  const date = new Date(epoch).toISOString();
  const result: RetryAfter = { raw, kind: 'date', date, text: `retry at ${date}` };
  if (receivedAt !== undefined && Number.isFinite(receivedAt)) {
    const seconds = Math.max(0, Math.round((epoch - receivedAt) / 1000));
    result.seconds = seconds;
    result.text += ` (${secondsText(seconds)} after the response)`;
  }
  return result;
}

function secondsText(seconds: number): string {
  const base = `${seconds} second${seconds === 1 ? '' : 's'}`;
  if (seconds < 120) return base;
  if (seconds < 7200) return `${base} (${Math.round(seconds / 60)} minutes)`;
  return `${base} (${Math.round(seconds / 3600)} hours)`;
}

/** Epoch ms of an IMF-fixdate, or undefined. Calendar-checked (no 31 Feb). */
export function parseHttpDate(value: string): number | undefined {
  const m = IMF_FIXDATE.exec(value);
  if (!m) return undefined;
  const [day, month, year, h, min, s] = [m[2], m[3], m[4], m[5], m[6], m[7]].map((x) => x ?? '');
  const monthIndex = MONTHS.indexOf(month ?? '');
  const epoch = Date.UTC(Number(year), monthIndex, Number(day), Number(h), Number(min), Number(s));
  const check = new Date(epoch);
  if (check.getUTCDate() !== Number(day) || Number(h) > 23 || Number(min) > 59 || Number(s) > 60)
    return undefined;
  return epoch;
}
