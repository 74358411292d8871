/**
 * One view per handle type (docs/edge-protocol.md §5). Each decoder gets the payload array (already
 * checked to be an array) and returns plain data; malformed entries are noted, never dropped.
 */
import { adobe2Choices, type ConsentChoice } from './consent';
import { decodeCookieEntry, formatDuration, type CookieRow } from './cookies';
import { decodeLocationHint, type LocationHint } from './location-hint';
import { decodeProposition, type PropositionView } from './personalization';
import { describeType, field, finite, flag, idText, isRecord, path, text } from './read';

type Payload = readonly unknown[];

export interface StateStoreView {
  kind: 'state:store';
  cookies: CookieRow[];
}

export interface ResolvedIdentity {
  namespace?: string;
  id?: string;
  notes: string[];
}

export interface IdentityResultView {
  kind: 'identity:result';
  identities: ResolvedIdentity[];
  /** The first ECID among them. */
  ecid?: string;
}

/** An ID sync (identity:exchange) or a client-side destination (activation:push). */
export interface Destination {
  type?: string;
  id?: string;
  url?: string;
  hideReferrer?: boolean;
  /** "7 days" from ttlMinutes or ttlDays; a bare `ttl` is shown with its number only. */
  ttl?: string;
  cookieName?: string;
  cookieValue?: string;
  cookieDomain?: string;
  notes: string[];
}

export interface IdentityExchangeView {
  kind: 'identity:exchange';
  syncs: Destination[];
}

export interface LocationHintView {
  kind: 'locationHint:result';
  hints: LocationHint[];
}

export interface ConsentPreferencesView {
  kind: 'consent:preferences';
  preferences: { choices: ConsentChoice[]; time?: string; notes: string[] }[];
}

export interface PersonalizationView {
  kind: 'personalization:decisions';
  propositions: PropositionView[];
}

export interface ActivationPushView {
  kind: 'activation:push';
  destinations: Destination[];
}

export interface ActivationPullView {
  kind: 'activation:pull';
  destinations: { id?: string; segments: string[]; notes: string[] }[];
}

export interface MediaSessionView {
  kind: 'media-analytics:new-session';
  sessions: { sessionId?: string; notes: string[] }[];
}

/** Recognised, shown raw: brand-concierge is out of scope for v1; identity:persist is legacy. */
export interface RawEntriesView {
  kind: 'brand-concierge:conversation' | 'identity:persist';
  entries: Payload;
}

const each = <T>(payload: Payload, decode: (entry: unknown, i: number) => T): T[] => {
  const out: T[] = [];
  for (let i = 0; i < payload.length; i++) out.push(decode(payload[i], i));
  return out;
};

const notObject = (entry: unknown): string[] =>
  isRecord(entry) ? [] : [`The entry is ${describeType(entry)}, not an object.`];

export const stateStore = (payload: Payload): StateStoreView => ({
  kind: 'state:store',
  cookies: each(payload, (e) => decodeCookieEntry(e)),
});

export function identityResult(payload: Payload): IdentityResultView {
  const identities = each(payload, (entry): ResolvedIdentity => {
    const notes = notObject(entry);
    const namespace = text(path(entry, 'namespace', 'code'));
    const id = idText(field(entry, 'id'));
    if (isRecord(entry) && id === undefined) notes.push('The identity has no id.');
    if (isRecord(entry) && namespace === undefined)
      notes.push('The identity has no namespace.code.');
    return { namespace, id, notes };
  });
  return {
    kind: 'identity:result',
    identities,
    ecid: identities.find((i) => i.namespace === 'ECID')?.id,
  };
}

export function decodeDestination(entry: unknown): Destination {
  const spec = field(entry, 'spec');
  const destination: Destination = {
    type: text(field(entry, 'type')),
    id: idText(field(entry, 'id')),
    url: text(field(spec, 'url')),
    hideReferrer: flag(field(spec, 'hideReferrer')),
    cookieName: text(field(spec, 'name')),
    cookieValue: text(field(spec, 'value')),
    cookieDomain: text(field(spec, 'domain')),
    notes: notObject(entry),
  };
  const minutes = finite(field(spec, 'ttlMinutes'));
  const days = finite(field(spec, 'ttlDays'));
  const bare = finite(field(spec, 'ttl'));
  if (minutes !== undefined) destination.ttl = formatDuration(minutes * 60);
  else if (days !== undefined) destination.ttl = formatDuration(days * 86400);
  else if (bare !== undefined) destination.ttl = `${bare} (unit not documented)`;
  if (destination.type === 'url' && destination.url === undefined)
    destination.notes.push('A url entry without spec.url.');
  if (destination.type === 'cookie' && destination.cookieName === undefined)
    destination.notes.push('A cookie entry without spec.name.');
  return destination;
}

export const identityExchange = (payload: Payload): IdentityExchangeView => ({
  kind: 'identity:exchange',
  syncs: each(payload, decodeDestination),
});

export const locationHints = (payload: Payload): LocationHintView => ({
  kind: 'locationHint:result',
  hints: each(payload, decodeLocationHint),
});

export const consentPreferences = (payload: Payload): ConsentPreferencesView => ({
  kind: 'consent:preferences',
  preferences: each(payload, (entry) => {
    const notes: string[] = [];
    const { choices, time } = adobe2Choices(entry, notes);
    return { choices, time, notes };
  }),
});

export const personalization = (payload: Payload): PersonalizationView => ({
  kind: 'personalization:decisions',
  propositions: each(payload, decodeProposition),
});

export const activationPush = (payload: Payload): ActivationPushView => ({
  kind: 'activation:push',
  destinations: each(payload, decodeDestination),
});

export const activationPull = (payload: Payload): ActivationPullView => ({
  kind: 'activation:pull',
  destinations: each(payload, (entry) => {
    const notes = notObject(entry);
    const segments = field(entry, 'segments');
    const ids: string[] = [];
    if (Array.isArray(segments))
      for (const s of segments as unknown[])
        ids.push(idText(field(s, 'id')) ?? idText(s) ?? '(no id)');
    else if (segments !== undefined)
      notes.push(`segments is ${describeType(segments)}, not an array.`);
    return { id: idText(field(entry, 'id')), segments: ids, notes };
  }),
});

export const mediaSession = (payload: Payload): MediaSessionView => ({
  kind: 'media-analytics:new-session',
  sessions: each(payload, (entry) => {
    const notes = notObject(entry);
    const sessionId = text(field(entry, 'sessionId'));
    if (isRecord(entry) && !sessionId)
      notes.push('No sessionId: alloy sends no media events without one.');
    return { sessionId, notes };
  }),
});

export const rawEntries =
  (kind: RawEntriesView['kind']) =>
  (payload: Payload): RawEntriesView => ({ kind, entries: payload });
