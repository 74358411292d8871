/**
 * What one call says about the visit (identity, consent, routing, personalization, media), small
 * enough to be stored with the call, so that a visit over 10,000 calls never decodes a body again.
 * Pure; read from the decoded call (docs/edge-protocol.md §3, §5, §6).
 */
import type { DecodedConsent } from './consent';
import type { DecodedCall } from './decode-call';
import { field, idText, keys, list, path, text } from './read';

export type ConsentWord = 'in' | 'out' | 'pending' | 'unknown';

export interface ConsentFact {
  /** `Adobe 1.0`, `Adobe 2.0`, `IAB TCF 2.0`, or what the call named. */
  standard: string;
  /** Collection allowed or not, as far as the standard says it. */
  state: ConsentWord;
}

export interface HintFact {
  scope?: string;
  hint?: string;
  ttlSeconds?: number;
  /** The path segment later calls should use (`or2`, `t35`). */
  pathSegment?: string;
}

export interface PropositionFact {
  id: string;
  scope?: string;
  scopeType?: string;
  activity?: string;
  experience?: string;
  provider?: string;
  items: number;
  eventIndex?: number;
}

export interface SentIdentity {
  namespace: string;
  /** The id, cut to 80 characters. */
  id: string;
  authenticatedState: string;
  primary?: boolean;
}

export interface NotifiedFact {
  /** `display`, `interact`… (the keys of `propositionEventType`). */
  types: string[];
  ids: string[];
  /** The event's eventType, so a display merged into a page view is told apart. */
  eventType?: string;
  label?: string;
}

export interface MediaFact {
  sessionId?: string;
  /** `play`, `ping`, `sessionStart`… from the path, else the event type. */
  event: string;
  playhead?: number;
}

/** The visit facts of one call. Every field is optional: an absent body leaves them out. */
export interface CallFacts {
  /** The org of the kndctr cookies the call carried or set. */
  orgId?: string;
  datastreamId?: string;
  /** The `/ee/{region}/` the call went to. */
  region?: string;
  /** ECID from `identity:result`. */
  ecid?: string;
  /** ECID in the kndctr identity cookie the response asked to store (`state:store`). */
  ecidStored?: string;
  /** ECID in the kndctr identity cookie the request carried (`meta.state.entries`). */
  ecidSent?: string;
  /** Whether the request carried the identity cookie; undefined when the request is unknown. */
  identityCookieSent?: boolean;
  /** The cluster cookie the request carried, and the one the response set. */
  clusterSent?: string;
  clusterStored?: string;
  /** Every identity the request's events sent (ECID included), at most 20. */
  identities?: SentIdentity[];
  /** Consent the request set (set-consent), per standard. */
  consentSet?: ConsentFact[];
  /** Consent as Edge answered it (`consent:preferences`). */
  consentAnswered?: ConsentWord;
  /** The `general` value of the consent cookie the response set. */
  consentCookie?: ConsentWord;
  hints?: HintFact[];
  propositions?: PropositionFact[];
  notified?: NotifiedFact[];
  /** Media session ids Edge opened (`media-analytics:new-session`). */
  mediaSessionsOpened?: string[];
  media?: MediaFact[];
  /** Events the request sent (their eventTypes, `(none)` when absent). */
  eventCount?: number;
  /** The Web SDK's version as its events state it (`xdm.implementationDetails.version`). */
  sdkVersion?: string;
}

const MAX_LIST = 20;
const MAX_ID = 80;

function word(value: string | undefined): ConsentWord {
  switch (value?.toLowerCase()) {
    case 'in':
    case 'y':
      return 'in';
    case 'out':
    case 'n':
      return 'out';
    case 'pending':
    case 'p':
      return 'pending';
    default:
      return 'unknown';
  }
}

function standardName(entry: DecodedConsent): string {
  if (entry.kind === 'adobe-1.0') return 'Adobe 1.0';
  if (entry.kind === 'adobe-2.0') return 'Adobe 2.0';
  if (entry.kind === 'iab-tcf-2.0') return 'IAB TCF 2.0';
  return `${entry.standard ?? '(none)'} ${entry.version ?? ''}`.trim().slice(0, 40);
}

function consentFact(entry: DecodedConsent): ConsentFact {
  const choice = entry.choices.find((c) => c.purpose === 'general' || c.purpose === 'collect');
  // A TC string grants nothing the debugger can read without decoding the vendor list: unknown.
  return { standard: standardName(entry), state: word(choice?.value) };
}

function notification(xdm: unknown, eventType: string | undefined): NotifiedFact | undefined {
  const decisioning = path(xdm, '_experience', 'decisioning');
  const types = keys(field(decisioning, 'propositionEventType'));
  const ids = (list(field(decisioning, 'propositions')) ?? [])
    .map((p) => idText(field(p, 'id')))
    .filter((id) => id !== undefined)
    .slice(0, MAX_LIST);
  if (!types.length && !ids.length) return undefined;
  const label = text(path(decisioning, 'propositionAction', 'label'));
  return {
    types: types.slice(0, 5),
    ids,
    ...(eventType ? { eventType } : {}),
    ...(label ? { label: label.slice(0, MAX_ID) } : {}),
  };
}

/** Reads the visit facts of one decoded call. Never throws on any decoded input. */
export function callFacts(call: DecodedCall): CallFacts {
  const facts: CallFacts = {};
  const endpoint = call.endpoint;
  if (endpoint?.datastreamId) facts.datastreamId = endpoint.datastreamId;
  if (endpoint?.region) facts.region = endpoint.region.toLowerCase();
  const request = call.request;
  if (request && !request.parseError) {
    const entries = request.meta.stateEntries;
    facts.identityCookieSent = entries.some((row) => row.cookie.key === 'identity');
    for (const row of entries) {
      if (row.cookie.orgId) facts.orgId ??= row.cookie.orgId;
      if (row.cookie.key === 'identity' && row.identity?.ecid) facts.ecidSent = row.identity.ecid;
      if (row.cookie.key === 'cluster' && row.value) facts.clusterSent = row.value.slice(0, 40);
    }
    const identities: SentIdentity[] = [];
    for (const event of request.events) {
      for (const row of event.identityMap?.rows ?? []) {
        if (row.id === undefined || identities.length >= MAX_LIST) continue;
        if (identities.some((i) => i.namespace === row.namespace && i.id === row.id)) continue;
        identities.push({
          namespace: row.namespace.slice(0, 60),
          id: row.id.slice(0, MAX_ID),
          authenticatedState: row.authenticatedState.slice(0, 20),
          ...(row.primary ? { primary: true } : {}),
        });
      }
    }
    if (identities.length) facts.identities = identities;
    if (request.consent.length) facts.consentSet = request.consent.map(consentFact);
    const notified = request.events
      .map((event) => notification(event.xdm, event.eventType))
      .filter((n) => n !== undefined);
    if (notified.length) facts.notified = notified;
    facts.eventCount = request.events.length;
    for (const event of request.events) {
      const version = text(path(event.xdm, 'implementationDetails', 'version'));
      if (version) {
        facts.sdkVersion = version.slice(0, 40);
        break;
      }
    }
    const media = request.events
      .filter((event) => event.media || endpoint?.media)
      .map((event) => ({
        ...(event.media?.sessionId ? { sessionId: event.media.sessionId.slice(0, MAX_ID) } : {}),
        event: endpoint?.subAction ?? event.eventType ?? '(none)',
        ...(event.media?.playhead !== undefined ? { playhead: event.media.playhead } : {}),
      }));
    if (media.length) facts.media = media.slice(0, MAX_LIST);
  }
  readResponse(call, facts);
  if (call.identity.ecidFromResponse) facts.ecid = call.identity.ecidFromResponse;
  if (call.identity.ecidFromStoredCookie) facts.ecidStored = call.identity.ecidFromStoredCookie;
  return facts;
}

function readResponse(call: DecodedCall, facts: CallFacts): void {
  const hints: HintFact[] = call.locationHints.map((h) => ({
    ...(h.scope ? { scope: h.scope } : {}),
    ...(h.hint ? { hint: h.hint } : {}),
    ...(h.ttlSeconds !== undefined ? { ttlSeconds: h.ttlSeconds } : {}),
    ...(h.pathSegment ? { pathSegment: h.pathSegment } : {}),
  }));
  if (hints.length) facts.hints = hints.slice(0, MAX_LIST);
  const propositions: PropositionFact[] = [];
  const opened: string[] = [];
  for (const handle of call.response?.handles ?? []) {
    const view = handle.view;
    if (view.kind === 'state:store') {
      for (const row of view.cookies) {
        if (row.cookie.orgId) facts.orgId ??= row.cookie.orgId;
        if (row.cookie.key === 'cluster' && row.value) facts.clusterStored = row.value.slice(0, 40);
        const general = row.consent?.find((pair) => pair.name === 'general')?.value;
        if (row.cookie.key === 'consent' && general) facts.consentCookie = word(general);
      }
    } else if (view.kind === 'consent:preferences') {
      const collect = view.preferences
        .flatMap((p) => p.choices)
        .find((c) => c.purpose === 'collect' || c.purpose === 'general');
      if (collect) facts.consentAnswered = word(collect.value);
    } else if (view.kind === 'personalization:decisions') {
      for (const p of view.propositions) {
        if (p.id === undefined || propositions.length >= MAX_LIST) continue;
        propositions.push({
          id: p.id.slice(0, 200),
          ...(p.scope ? { scope: p.scope.slice(0, 200) } : {}),
          ...(p.scopeType ? { scopeType: p.scopeType } : {}),
          ...(p.activity?.name || p.activity?.id
            ? { activity: (p.activity.name ?? p.activity.id ?? '').slice(0, MAX_ID) }
            : {}),
          ...(p.experience?.name || p.experience?.id
            ? { experience: (p.experience.name ?? p.experience.id ?? '').slice(0, MAX_ID) }
            : {}),
          ...(p.decisionProvider ? { provider: p.decisionProvider } : {}),
          items: p.items.length,
          ...(handle.eventIndex !== undefined ? { eventIndex: handle.eventIndex } : {}),
        });
      }
    } else if (view.kind === 'media-analytics:new-session') {
      for (const s of view.sessions) if (s.sessionId) opened.push(s.sessionId.slice(0, MAX_ID));
    }
  }
  if (propositions.length) facts.propositions = propositions;
  if (opened.length) facts.mediaSessionsOpened = opened.slice(0, MAX_LIST);
}
