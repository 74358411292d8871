/**
 * Cookies the Web SDK and Edge exchange (docs/edge-protocol.md §2.4 and §6): what a name means, a
 * max-age as a duration or "session", and one row per `state:store` or `meta.state.entries`
 * entry, with the identity cookie decoded to its ECID.
 */
import { decodeIdentityCookie, type IdentityCookie } from './identity-cookie';
import { describeType, field, isRecord, keys, quote, text } from './read';

export type CookieFamily = 'kndctr' | 'target' | 'visitor' | 'audience-manager' | 'other';

export interface CookieName {
  name: string;
  family: CookieFamily;
  /** For kndctr cookies: the org id with its `@` put back (`…@AdobeOrg`). */
  orgId?: string;
  /** For kndctr cookies: the part after the org (`identity`, `cluster`…). */
  key?: string;
  meaning: string;
  /** The max-age Edge or alloy usually gives it, as text. */
  usualLifetime?: string;
}

interface KnownKey {
  meaning: string;
  usualLifetime: string;
}

const KNDCTR_KEYS = new Map<string, KnownKey>([
  ['identity', { meaning: 'ECID plus metadata (Edge identity)', usualLifetime: '395 days' }],
  [
    'cluster',
    { meaning: 'Edge region (location hint) used in the URL path', usualLifetime: '30 minutes' },
  ],
  ['consent', { meaning: 'Stored consent, e.g. general=in', usualLifetime: '180 days' }],
  [
    'consent_check',
    {
      meaning: 'Tells Edge to re-check consent server-side after it expires',
      usualLifetime: '2 hours',
    },
  ],
  ['personalization', { meaning: 'Target personalization session', usualLifetime: '395 days' }],
  [
    'personalization_sessionId',
    { meaning: 'Target personalization session id', usualLifetime: 'session' },
  ],
]);

const KNDCTR =
  /^kndctr_(.+?)_(identity|cluster|consent_check|consent|personalization_sessionId|personalization)$/;
const KNDCTR_ORG = /^kndctr_(.+_AdobeOrg)_(.+)$/;

/** What a cookie name means; unknown names still get a description. */
export function describeCookieName(name: string): CookieName {
  const known = KNDCTR.exec(name) ?? KNDCTR_ORG.exec(name);
  if (known) {
    const org = known[1] ?? '';
    const key = known[2] ?? '';
    const info = KNDCTR_KEYS.get(key);
    const orgId = org.endsWith('_AdobeOrg') ? `${org.slice(0, -'_AdobeOrg'.length)}@AdobeOrg` : org;
    return {
      name,
      family: 'kndctr',
      orgId,
      key,
      meaning: info?.meaning ?? 'Edge client state (a key this debugger does not know)',
      usualLifetime: info?.usualLifetime,
    };
  }
  return describeOther(name);
}

function describeOther(name: string): CookieName {
  if (name === 'mbox')
    return {
      name,
      family: 'target',
      meaning: 'Target visitor and session (shared with at.js)',
      usualLifetime: '2 years',
    };
  if (name === 'mboxEdgeCluster')
    return {
      name,
      family: 'target',
      meaning: 'Target edge cluster; becomes the t{n} location hint',
      usualLifetime: '30 minutes',
    };
  if (name === 'at_qa_mode') return { name, family: 'target', meaning: 'Target QA mode' };
  if (name.startsWith('AMCV_'))
    return {
      name,
      family: 'visitor',
      meaning: 'visitor.js ECID (MCMID|<ecid>), read for ID migration',
      usualLifetime: '395 days',
    };
  if (name === 'demdex')
    return {
      name,
      family: 'audience-manager',
      meaning: 'Third-party Audience Manager ID (CORE)',
      usualLifetime: '180 days',
    };
  return { name, family: 'other', meaning: 'Not a cookie the Web SDK documents' };
}

export interface MaxAge {
  /** Seconds, when maxAge was a usable number. */
  seconds?: number;
  /** "395 days", "30 minutes", "session" (no maxAge). */
  text: string;
  note?: string;
}

/** A `state:store` maxAge in words. Missing means a session cookie (docs/edge-protocol.md §5). */
export function describeMaxAge(maxAge: unknown): MaxAge {
  if (maxAge === undefined || maxAge === null) return { text: 'session' };
  let seconds = typeof maxAge === 'number' ? maxAge : Number.NaN;
  let note: string | undefined;
  if (typeof maxAge === 'string' && /^\s*-?\d+\s*$/.test(maxAge)) {
    seconds = Number(maxAge);
    note = 'maxAge is a string, not a number.';
  }
  if (!Number.isFinite(seconds)) {
    return { text: 'unknown', note: `maxAge is ${describeType(maxAge)}, not a number of seconds.` };
  }
  if (seconds <= 0) return { seconds, text: `${seconds} seconds (deletes the cookie)`, note };
  if (!Number.isInteger(seconds)) note = 'maxAge is not a whole number of seconds.';
  return { seconds, text: formatDuration(seconds), note };
}

const UNITS: [number, string][] = [
  [86400, 'day'],
  [3600, 'hour'],
  [60, 'minute'],
  [1, 'second'],
];

/** 34128000 → "395 days"; 5400 → "1 hour 30 minutes"; 0.5 → "0.5 seconds". */
export function formatDuration(totalSeconds: number): string {
  if (!Number.isFinite(totalSeconds)) return 'unknown';
  if (totalSeconds < 1) return `${totalSeconds} seconds`;
  let rest = Math.round(totalSeconds);
  const parts: string[] = [];
  for (const [size, unit] of UNITS) {
    const amount = Math.floor(rest / size);
    if (amount > 0) parts.push(`${amount} ${unit}${amount === 1 ? '' : 's'}`);
    rest -= amount * size;
  }
  return parts.join(' ');
}

export interface NameValue {
  name: string;
  value: string;
}

/** `general=in;other=x` (alloy's consent cookie format) as pairs. */
export function parseConsentCookie(value: string): NameValue[] {
  const pairs: NameValue[] = [];
  for (const part of value.split(';')) {
    if (part.trim() === '') continue;
    const at = part.indexOf('=');
    pairs.push(
      at < 0
        ? { name: part.trim(), value: '' }
        : { name: part.slice(0, at).trim(), value: part.slice(at + 1).trim() },
    );
  }
  return pairs;
}

export interface CookieRow {
  key?: string;
  cookie: CookieName;
  value?: string;
  maxAge: MaxAge;
  sameSite?: string;
  /** Every `attrs` entry as it came (SameSite included). */
  attrs: NameValue[];
  /** The decoded kndctr identity cookie. */
  identity?: IdentityCookie;
  /** The kndctr consent cookie as pairs. */
  consent?: NameValue[];
  notes: string[];
}

/** One `{key, value, maxAge?, attrs?}` entry; `withMaxAge` is false for meta.state.entries. */
export function decodeCookieEntry(entry: unknown, withMaxAge = true): CookieRow {
  const notes: string[] = [];
  if (!isRecord(entry)) {
    notes.push(`The entry is ${describeType(entry)}, not an object with a key.`);
    return { cookie: describeCookieName(''), maxAge: { text: 'unknown' }, attrs: [], notes };
  }
  const key = text(field(entry, 'key'));
  if (key === undefined) notes.push('The entry has no key (the cookie name), which is required.');
  const rawValue = field(entry, 'value');
  const value = text(rawValue);
  if (rawValue !== undefined && value === undefined)
    notes.push(`value is ${describeType(rawValue)}, not a string.`);
  const cookie = describeCookieName(key ?? '');
  const maxAge = withMaxAge ? describeMaxAge(field(entry, 'maxAge')) : { text: 'not sent' };
  if (maxAge.note) notes.push(maxAge.note);
  const attrs = attributes(field(entry, 'attrs'), notes);
  const row: CookieRow = { key, cookie, value, maxAge, attrs, notes };
  row.sameSite = attrs.find((a) => a.name.toLowerCase() === 'samesite')?.value;
  if (cookie.key === 'identity' && value !== undefined) row.identity = decodeIdentityCookie(value);
  if (cookie.key === 'consent' && value !== undefined) row.consent = parseConsentCookie(value);
  return row;
}

function attributes(attrs: unknown, notes: string[]): NameValue[] {
  if (attrs === undefined) return [];
  if (!isRecord(attrs)) {
    notes.push(`attrs is ${describeType(attrs)}, not a map of strings.`);
    return [];
  }
  const out: NameValue[] = [];
  for (const name of keys(attrs)) {
    const value = field(attrs, name);
    if (typeof value === 'string') out.push({ name, value });
    else notes.push(`attrs entry ${quote(name)} is ${describeType(value)}, not a string.`);
  }
  return out;
}
