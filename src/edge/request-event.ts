/**
 * One event of a request body (docs/edge-protocol.md §3.1): what happened (eventType, which may be
 * absent), when, on which page, who (identityMap), and what was asked for (personalization).
 * Notification and media events get their own few facts.
 */
import { decodeIdentityMap, type IdentityMapView } from './identity-map';
import { describeType, field, finite, isRecord, keys, path, plural, strings, text } from './read';
import { schemaRef, type SchemaRef } from './schemas';

export interface PersonalizationQuery {
  /** False when alloy sent `{enabled: false}` (Target authoring mode). */
  enabled: boolean;
  decisionScopes: string[];
  surfaces: string[];
  schemas: SchemaRef[];
  notes: string[];
}

export interface NotifiedProposition {
  id?: string;
  scope?: string;
  activityId?: string;
}

/** `decisioning.proposition*` events: which propositions were displayed, clicked… */
export interface PropositionNotification {
  /** Keys of `propositionEventType` (`display`, `interact`…). */
  eventTypes: string[];
  propositions: NotifiedProposition[];
  actionLabel?: string;
  actionReason?: string;
}

export interface MediaDetails {
  sessionId?: string;
  playhead?: number;
  /** sessionStart: `sessionDetails` string and number fields, in order. */
  sessionDetails: { name: string; value: string }[];
}

export interface DecodedEvent {
  index: number;
  eventType?: string;
  timestamp?: string;
  pageUrl?: string;
  pageName?: string;
  identityMap?: IdentityMapView;
  xdm?: unknown;
  data?: unknown;
  /** `data.__adobe.analytics`: Analytics variables. */
  analytics?: unknown;
  /** `data.__adobe.target`: Target profile and mbox parameters. */
  target?: unknown;
  personalization?: PersonalizationQuery;
  notification?: PropositionNotification;
  media?: MediaDetails;
  /** Per-event `meta` (rare). */
  meta?: unknown;
  notes: string[];
}

/** Decodes `events[i]` (or the v2 `event`). */
export function decodeEvent(event: unknown, index: number): DecodedEvent {
  const notes: string[] = [];
  if (!isRecord(event)) {
    notes.push(`Event ${index} is ${describeType(event)}, not an object.`);
    return { index, notes };
  }
  const xdm = field(event, 'xdm');
  const data = field(event, 'data');
  const decoded: DecodedEvent = { index, xdm, data, notes };
  if (xdm !== undefined && !isRecord(xdm))
    notes.push(`xdm is ${describeType(xdm)}, not an object.`);
  readXdm(decoded, xdm);
  decoded.analytics = path(data, '__adobe', 'analytics');
  decoded.target = path(data, '__adobe', 'target');
  const personalization = path(event, 'query', 'personalization');
  if (personalization !== undefined)
    decoded.personalization = decodePersonalizationQuery(personalization);
  decoded.meta = field(event, 'meta');
  return decoded;
}

function readXdm(decoded: DecodedEvent, xdm: unknown): void {
  const eventType = field(xdm, 'eventType');
  decoded.eventType = text(eventType);
  if (eventType === undefined)
    decoded.notes.push('No xdm.eventType: sendEvent without one sends none.');
  else if (decoded.eventType === undefined)
    decoded.notes.push(`xdm.eventType is ${describeType(eventType)}, not a string.`);
  decoded.timestamp = text(field(xdm, 'timestamp'));
  decoded.pageUrl = text(path(xdm, 'web', 'webPageDetails', 'URL'));
  decoded.pageName = text(path(xdm, 'web', 'webPageDetails', 'name'));
  const identityMap = field(xdm, 'identityMap');
  if (identityMap !== undefined) decoded.identityMap = decodeIdentityMap(identityMap);
  if (decoded.eventType?.startsWith('decisioning.')) decoded.notification = readNotification(xdm);
  if (decoded.eventType?.startsWith('media.')) decoded.media = readMedia(xdm);
}

/** `query.personalization`: scopes, surfaces and the schemas the client can render. */
export function decodePersonalizationQuery(value: unknown): PersonalizationQuery {
  const notes: string[] = [];
  if (!isRecord(value)) {
    notes.push(`query.personalization is ${describeType(value)}, not an object.`);
    return { enabled: true, decisionScopes: [], surfaces: [], schemas: [], notes };
  }
  const enabled = field(value, 'enabled') !== false;
  if (!enabled) notes.push('Personalization is disabled for this event (Target authoring mode).');
  const read = (name: string): string[] => {
    const raw = field(value, name);
    const { values, others } = strings(raw);
    if (raw !== undefined && !Array.isArray(raw))
      notes.push(`${name} is ${describeType(raw)}, not an array.`);
    if (others > 0)
      notes.push(`${name} has ${plural(others, 'non-string entry', 'non-string entries')}.`);
    return values;
  };
  const decisionScopes = read('decisionScopes');
  const surfaces = read('surfaces');
  const schemas = read('schemas').map(schemaRef);
  return { enabled, decisionScopes, surfaces, schemas, notes };
}

function readNotification(xdm: unknown): PropositionNotification {
  const decisioning = path(xdm, '_experience', 'decisioning');
  const list = field(decisioning, 'propositions');
  const propositions: NotifiedProposition[] = [];
  if (Array.isArray(list)) {
    for (let i = 0; i < list.length; i++) {
      const p: unknown = list[i];
      propositions.push({
        id: text(field(p, 'id')),
        scope: text(field(p, 'scope')),
        activityId: text(path(p, 'scopeDetails', 'activity', 'id')),
      });
    }
  }
  const action = field(decisioning, 'propositionAction');
  return {
    eventTypes: keys(field(decisioning, 'propositionEventType')),
    propositions,
    actionLabel: text(field(action, 'label')),
    actionReason: text(field(action, 'reason')),
  };
}

function readMedia(xdm: unknown): MediaDetails {
  const media = field(xdm, 'mediaCollection');
  const details = field(media, 'sessionDetails');
  const sessionDetails: { name: string; value: string }[] = [];
  for (const name of keys(details)) {
    const value = field(details, name);
    if (typeof value === 'string' || typeof value === 'number')
      sessionDetails.push({ name, value: String(value) });
  }
  return {
    sessionId: text(field(media, 'sessionID')),
    playhead: finite(field(media, 'playhead')),
    sessionDetails,
  };
}
