/**
 * The events of a call as rules see them: `{ action, datastreamId, url, page, xdm, data, meta }`,
 * one per event of a batch, from the request body the call sent.
 */
import { decodeRequestText } from '../edge/decode-request';
import type { EdgeEndpoint } from '../edge/endpoint';
import type { ValidationEvent } from './types';

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
  const decoded = decodeRequestText(requestText, source.endpoint);
  return decoded.events.map((event) => ({
    action: source.endpoint.action,
    ...(source.endpoint.datastreamId ? { datastreamId: source.endpoint.datastreamId } : {}),
    url: source.url,
    ...(source.page ? { page: source.page } : {}),
    xdm: event.xdm,
    data: event.data,
    meta: event.meta,
  }));
}
