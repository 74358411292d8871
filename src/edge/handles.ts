/**
 * Response handles (docs/edge-protocol.md §4.1, §5, §7.4): one decoder per type, looked up in a
 * registry. Unknown types, a missing type and non-array payloads fall back to a raw view with a
 * note (Edge adds handle types without notice); `payload: []` is a meaningful "nothing".
 */
import * as views from './handle-views';
import { describeType, field, index, isRecord, plural, quote, text } from './read';

export interface RawHandleView {
  kind: 'raw';
  payload: unknown;
  reason: string;
}

export type HandleView =
  | views.StateStoreView
  | views.IdentityResultView
  | views.IdentityExchangeView
  | views.LocationHintView
  | views.ConsentPreferencesView
  | views.PersonalizationView
  | views.ActivationPushView
  | views.ActivationPullView
  | views.MediaSessionView
  | views.RawEntriesView
  | RawHandleView;

export interface DecodedHandle {
  /** Position in the response's `handle[]`. */
  position: number;
  type?: string;
  /** A valid `eventIndex`; absent for request-scoped handles. */
  eventIndex?: number;
  scope: 'event' | 'request';
  /** Payload entries (0 when the payload is not an array). */
  count: number;
  /** True for `payload: []`. */
  empty: boolean;
  view: HandleView;
  /** `state:store: 3 cookies (identity, cluster, consent)`, `personalization:decisions: nothing returned`. */
  summary: string;
  notes: string[];
  /** The handle object as received. */
  raw: unknown;
}

type Decoder = (payload: readonly unknown[]) => HandleView;

const DECODERS = new Map<string, Decoder>([
  ['state:store', views.stateStore],
  ['identity:result', views.identityResult],
  ['identity:exchange', views.identityExchange],
  ['locationHint:result', views.locationHints],
  ['consent:preferences', views.consentPreferences],
  ['personalization:decisions', views.personalization],
  ['activation:push', views.activationPush],
  ['activation:pull', views.activationPull],
  ['media-analytics:new-session', views.mediaSession],
  ['brand-concierge:conversation', views.rawEntries('brand-concierge:conversation')],
  ['identity:persist', views.rawEntries('identity:persist')],
]);

const RAW_NOTES = new Map([
  [
    'brand-concierge:conversation',
    'Brand Concierge is recognised but out of scope: entries shown raw.',
  ],
  ['identity:persist', 'A legacy handle type: entries shown raw.'],
]);

/** The handle types with their own view. */
export function knownHandleTypes(): string[] {
  return [...DECODERS.keys()];
}

/** Decodes `handle[position]`. */
export function decodeHandle(handle: unknown, position: number): DecodedHandle {
  const notes: string[] = [];
  const type = text(field(handle, 'type'));
  const payload = field(handle, 'payload');
  const eventIndex = readEventIndex(handle, notes);
  const empty = Array.isArray(payload) && payload.length === 0;
  const route = dispatch(handle, type, payload);
  const decoded: DecodedHandle = {
    position,
    type,
    eventIndex,
    scope: eventIndex === undefined ? 'request' : 'event',
    count: Array.isArray(payload) ? payload.length : 0,
    empty,
    view: { kind: 'raw', payload, reason: '' },
    summary: `${type ?? '(no type)'}: shown raw`,
    notes,
    raw: handle,
  };
  if ('reason' in route) {
    notes.push(route.reason);
    decoded.view = { kind: 'raw', payload, reason: route.reason };
    return decoded;
  }
  decoded.view = route.decoder(route.payload);
  const typeNote = type === undefined ? undefined : RAW_NOTES.get(type);
  if (typeNote) notes.push(typeNote);
  if (empty) notes.push(type === 'personalization:decisions' ? NO_OFFERS : NOTHING);
  decoded.summary = `${type ?? ''}: ${empty ? 'nothing returned' : summarise(decoded.view)}`;
  return decoded;
}

const NO_OFFERS = 'Nothing returned: no offers for this event.';
const NOTHING = 'Nothing returned: the payload is empty.';

type Route = { reason: string } | { decoder: Decoder; payload: readonly unknown[] };

/** Which decoder applies, or why the handle is shown raw. */
function dispatch(handle: unknown, type: string | undefined, payload: unknown): Route {
  if (!isRecord(handle))
    return { reason: `The handle is ${describeType(handle)}, not an object: shown raw.` };
  if (type === undefined) return { reason: 'The handle has no type: shown raw.' };
  const decoder = DECODERS.get(type);
  if (!decoder)
    return {
      reason: `Unknown handle type ${quote(type)}: shown raw (Edge adds types without notice).`,
    };
  if (!Array.isArray(payload))
    return { reason: `The payload is ${describeType(payload)}, not an array: shown raw.` };
  return { decoder, payload };
}

function readEventIndex(handle: unknown, notes: string[]): number | undefined {
  const value = field(handle, 'eventIndex');
  if (value === undefined) return undefined;
  const valid = index(value);
  if (valid === undefined)
    notes.push(
      `eventIndex is ${typeof value === 'number' ? String(value) : describeType(value)}, not an event position; listed with the request-level handles.`,
    );
  return valid;
}

function summarise(view: HandleView): string {
  switch (view.kind) {
    case 'state:store': {
      const names = view.cookies.map((c) => c.cookie.key ?? c.key ?? '?');
      return `${plural(names.length, 'cookie')} (${names.join(', ')})`;
    }
    case 'identity:result':
      return view.identities.map((i) => `${i.namespace ?? '?'} ${i.id ?? '?'}`).join(', ');
    case 'identity:exchange':
      return plural(view.syncs.length, 'ID sync');
    case 'locationHint:result':
      return view.hints.map((h) => `${h.scope ?? '?'} ${h.hint ?? '?'}`).join(', ');
    case 'consent:preferences':
      return (
        view.preferences
          .flatMap((p) => p.choices.map((c) => `${c.purpose}=${c.value}`))
          .join(', ') || 'no choices'
      );
    case 'personalization:decisions':
      return plural(view.propositions.length, 'proposition');
    case 'activation:push':
    case 'activation:pull':
      return plural(view.destinations.length, 'destination');
    case 'media-analytics:new-session':
      return `session ${view.sessions[0]?.sessionId ?? '(none)'}`;
    case 'brand-concierge:conversation':
    case 'identity:persist':
      return `${plural(view.entries.length, 'entry', 'entries')} (shown raw)`;
    case 'raw':
      return 'shown raw';
  }
}
