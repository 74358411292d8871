/**
 * The few facts the call list needs from a request body, decoded once when the body arrives.
 * Total: bad input gives an empty list, never a throw.
 */
import { isRecord } from './read';

function eventTypeOf(event: unknown): string {
  if (!isRecord(event)) return '(not an object)';
  const xdm = event.xdm;
  if (isRecord(xdm) && typeof xdm.eventType === 'string' && xdm.eventType !== '')
    return xdm.eventType;
  return '(no eventType)';
}

/** Event types in body order: v1/v2-collect `events[]`, v2 `event`, consent and identity bodies. */
export function eventTypesOf(bodyText: string): string[] {
  let body: unknown;
  try {
    body = JSON.parse(bodyText);
  } catch {
    return [];
  }
  if (!isRecord(body)) return [];
  if (Array.isArray(body.events)) return body.events.map(eventTypeOf);
  if (body.event !== undefined) return [eventTypeOf(body.event)];
  if (Array.isArray(body.consent)) return ['(consent)'];
  const query = body.query;
  if (isRecord(query) && isRecord(query.identity)) return ['(identity fetch)'];
  return [];
}
