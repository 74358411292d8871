/**
 * The resend editor's quick options that change the request body: new visitor (drop the
 * `meta.state` cookie entries, docs/edge-protocol.md §2.4), set or remove identities, change the
 * eventType. Each takes the editor's text and gives new text (pretty JSON) or says why it cannot.
 * Pure and total: bad input is a value, never a throw.
 */
import { parseJson } from './json';
import { isRecord } from './read';

export type BodyEdit = { ok: true; text: string; changed: number } | { ok: false; message: string };

export interface IdentityInput {
  namespace: string;
  id: string;
  authenticatedState?: 'ambiguous' | 'authenticated' | 'loggedOut';
  primary?: boolean;
}

type Json = Record<string, unknown>;

/** Parses, lets `change` edit the object in place, and prints it again. */
function edit(text: string, change: (body: Json) => number | string): BodyEdit {
  const parsed = parseJson(text);
  if (!parsed.ok)
    return { ok: false, message: `The body is not valid JSON: ${parsed.error.summary}` };
  if (!isRecord(parsed.value)) return { ok: false, message: 'The body is not a JSON object.' };
  const result = change(parsed.value);
  if (typeof result === 'string') return { ok: false, message: result };
  return { ok: true, text: JSON.stringify(parsed.value, null, 2), changed: result };
}

/** The events of a body: v1 and v2-collect `events[]`, v2 interact `event`. */
function eventsOf(body: Json): Json[] {
  if (Array.isArray(body.events)) return body.events.filter(isRecord);
  if (isRecord(body.event)) return [body.event];
  return [];
}

/** The XDM objects identities live in: each event's, and the batch-level one (OpenAPI v1). */
function xdmsOf(body: Json, create: boolean): Json[] {
  const out: Json[] = [];
  for (const event of eventsOf(body)) {
    if (!isRecord(event.xdm) && create) event.xdm = {};
    if (isRecord(event.xdm)) out.push(event.xdm);
  }
  if (isRecord(body.xdm)) out.push(body.xdm);
  return out;
}

/** Drops `meta.state.entries`: Edge then sees no kndctr cookies in the body. */
export function dropStateEntries(text: string): BodyEdit {
  return edit(text, (body) => {
    const meta = body.meta;
    const state = isRecord(meta) ? meta.state : undefined;
    if (!isRecord(state) || !('entries' in state)) return 0;
    const count = Array.isArray(state.entries) ? state.entries.length : 1;
    delete state.entries;
    return count;
  });
}

export function setEventType(text: string, eventType: string): BodyEdit {
  if (eventType.trim() === '') return { ok: false, message: 'Enter an eventType.' };
  return edit(text, (body) => {
    const events = eventsOf(body);
    if (!events.length) return 'The body has no events to change.';
    for (const event of events) {
      if (!isRecord(event.xdm)) event.xdm = {};
      (event.xdm as Json).eventType = eventType.trim();
    }
    return events.length;
  });
}

/** Sets `identityMap[namespace]` to this one identity in every event (replacing that namespace). */
export function setIdentity(text: string, identity: IdentityInput): BodyEdit {
  const namespace = identity.namespace.trim();
  if (namespace === '' || identity.id.trim() === '') {
    return { ok: false, message: 'Enter a namespace and an id.' };
  }
  return edit(text, (body) => {
    if (!eventsOf(body).length) return 'The body has no events to add an identity to.';
    const xdms = xdmsOf(body, true).filter((xdm) => xdm !== body.xdm);
    for (const xdm of xdms) {
      const map = isRecord(xdm.identityMap) ? xdm.identityMap : {};
      const value = [
        {
          id: identity.id.trim(),
          authenticatedState: identity.authenticatedState ?? 'ambiguous',
          primary: identity.primary ?? false,
        },
      ];
      // defineProperty, not `map[namespace] =`: a namespace typed as `__proto__` stays a key.
      Object.defineProperty(map, namespace, {
        value,
        enumerable: true,
        writable: true,
        configurable: true,
      });
      xdm.identityMap = map;
    }
    return xdms.length;
  });
}

/** Removes one namespace from every identityMap, or the whole identityMap when none is given. */
export function removeIdentities(text: string, namespace?: string): BodyEdit {
  const only = namespace?.trim() || undefined;
  return edit(text, (body) => {
    let removed = 0;
    for (const xdm of xdmsOf(body, false)) {
      const map = xdm.identityMap;
      if (!isRecord(map)) continue;
      if (only === undefined) {
        removed += Object.keys(map).length;
        delete xdm.identityMap;
      } else if (Object.hasOwn(map, only)) {
        removed += 1;
        delete map[only];
        if (!Object.keys(map).length) delete xdm.identityMap;
      }
    }
    return removed;
  });
}
