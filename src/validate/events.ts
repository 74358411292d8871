/**
 * The events of a call as rules see them: `{ action, datastreamId, url, page, xdm, data, meta }`,
 * one per event of a batch, from the request body the call sent. Read the way the request
 * decoder reads them (edge/decode-request.ts: `events[]`, else the v2 `event`), without decoding
 * the rest: a plan change runs this over every stored call.
 */
import type { EdgeEndpoint } from '../edge/endpoint';
import { field, isRecord } from '../edge/read';
import type { ValidationEvent } from './types';

/** Each event's `xdm`, `data` and `meta` as sent (an event that is not an object has none). */
export function sentEvents(
  requestText: string,
): Array<{ xdm?: unknown; data?: unknown; meta?: unknown }> {
  let body: unknown;
  try {
    body = JSON.parse(requestText);
  } catch {
    return [];
  }
  const events = field(body, 'events');
  const event = field(body, 'event');
  const list =
    events !== undefined
      ? Array.isArray(events)
        ? events
        : []
      : event !== undefined
        ? [event]
        : [];
  return list.map((item: unknown) =>
    isRecord(item)
      ? { xdm: field(item, 'xdm'), data: field(item, 'data'), meta: field(item, 'meta') }
      : {},
  );
}

export interface EventSource {
  url: string;
  endpoint: EdgeEndpoint;
  page?: { url?: string; title?: string };
}

export function validationEvents(
  source: EventSource,
  requestText: string | undefined,
): ValidationEvent[] {
  if (requestText === undefined) return [];
  return sentEvents(requestText).map((event) => ({
    action: source.endpoint.action,
    ...(source.endpoint.datastreamId ? { datastreamId: source.endpoint.datastreamId } : {}),
    url: source.url,
    ...(source.page ? { page: source.page } : {}),
    xdm: event.xdm,
    data: event.data,
    meta: event.meta,
  }));
}
