/**
 * A response (docs/edge-protocol.md §4, §7): the success body with `handle[]`, `errors[]` and
 * `warnings[]`; a fatal RFC 7807 problem; v2/collect's `202 {requestId}`; empty, HTML and
 * truncated bodies. Handles keep body order and duplicates, and are grouped by `eventIndex`.
 */
import { alloyReadsResponse, alloyVerdict, type AlloyVerdict } from './alloy-verdict';
import type { EdgeEndpoint } from './endpoint';
import { explainStatus, type Explanation } from './error-catalogue';
import { decodeProblem, type Problem } from './errors';
import { decodeHandle, type DecodedHandle } from './handles';
import { parseJson, type JsonError } from './json';
import { describeType, field, isRecord, keys, list, text } from './read';
import { compareRequestIds, type RequestIdMatch } from './request-id';
import { readResponseHeaders, type EdgeHeader, type HeaderLine } from './response-headers';
import type { RetryAfter } from './retry-after';

export type ResponseShape =
  'handles' | 'problem' | 'accepted' | 'empty' | 'not-captured' | 'not-json' | 'unrecognised';

export interface HandleGroup {
  /** Absent for the request-scoped group (handles without a valid eventIndex). */
  eventIndex?: number;
  handles: DecodedHandle[];
}

export interface DecodedResponse {
  shape: ResponseShape;
  status?: number;
  parseError?: JsonError;
  /** The body looks like an HTML page (a proxy or CDN answered, not Edge). */
  looksLikeHtml: boolean;
  requestId?: string;
  /** Where the id came from: the body, `report.requestId` of a problem, or `x-request-id`. */
  requestIdSource?: 'body' | 'report' | 'header';
  requestIdMatch: RequestIdMatch;
  /** True when the body had `handle` as an array, which alloy requires. */
  handleArray: boolean;
  /** Every handle in body order, duplicates kept. */
  handles: DecodedHandle[];
  /** Request-scoped handles first, then one group per eventIndex in ascending order. */
  groups: HandleGroup[];
  errors: Problem[];
  warnings: Problem[];
  /** The fatal problem body of a 4xx/5xx. */
  problem?: Problem;
  /** What the HTTP status means (4xx, 5xx, and 207 with errors). */
  statusExplanation?: Explanation;
  retryAfter?: RetryAfter;
  edge?: EdgeHeader;
  contentType?: string;
  /** Only for calls alloy reads itself (v1 interact, set-consent, acquire). */
  alloy?: AlloyVerdict;
  notes: string[];
}

export interface ResponseInput {
  /** The body text; undefined when it was not captured. */
  text?: string;
  status?: number;
  headers?: readonly HeaderLine[];
  /** The requestId the request was sent with (from its URL). */
  sentRequestId?: string;
  endpoint?: EdgeEndpoint;
}

const HTML = /^\s*<(?:!doctype|html|head|body)\b/i;

/** Decodes a response from its text, status and headers; never throws. */
export function decodeResponse(input: ResponseInput): DecodedResponse {
  const response = emptyResponse(input);
  const bodyText = input.text;
  if (bodyText === undefined) {
    response.shape = 'not-captured';
    response.notes.push('The response body was not captured.');
  } else {
    const parsed = parseJson(bodyText);
    if (parsed.ok) readBody(parsed.value, response);
    else readUnparsed(bodyText, parsed.error, response);
  }
  finish(response, input);
  return response;
}

/** Decodes an already parsed body. */
export function decodeResponseBody(
  body: unknown,
  input: Omit<ResponseInput, 'text'> = {},
): DecodedResponse {
  const response = emptyResponse(input);
  readBody(body, response);
  finish(response, input);
  return response;
}

function emptyResponse(input: Omit<ResponseInput, 'text'>): DecodedResponse {
  const headers = readResponseHeaders(input.headers);
  const status =
    typeof input.status === 'number' && Number.isFinite(input.status) ? input.status : undefined;
  return {
    shape: 'empty',
    status,
    looksLikeHtml: false,
    requestIdMatch: compareRequestIds(input.sentRequestId, undefined),
    handleArray: false,
    handles: [],
    groups: [],
    errors: [],
    warnings: [],
    retryAfter: headers.retryAfter,
    edge: headers.edge,
    contentType: headers.contentType,
    requestId: headers.requestId,
    requestIdSource: headers.requestId === undefined ? undefined : 'header',
    notes: [],
  };
}

function readUnparsed(bodyText: string, error: JsonError, response: DecodedResponse): void {
  if (error.empty) {
    response.shape = 'empty';
    return;
  }
  response.shape = 'not-json';
  response.parseError = error;
  response.looksLikeHtml = HTML.test(bodyText) || /text\/html/i.test(response.contentType ?? '');
  response.notes.push(
    response.looksLikeHtml
      ? 'The body is an HTML page, likely from a proxy or CDN rather than Edge.'
      : `The body is not JSON: ${error.summary}.`,
  );
}

function readBody(body: unknown, response: DecodedResponse): void {
  if (!isRecord(body)) {
    response.shape = 'unrecognised';
    response.notes.push(`The body is ${describeType(body)}, not a JSON object.`);
    return;
  }
  const requestId = text(field(body, 'requestId'));
  if (requestId !== undefined) {
    response.requestId = requestId;
    response.requestIdSource = 'body';
  }
  const handle = field(body, 'handle');
  if (
    handle !== undefined ||
    field(body, 'errors') !== undefined ||
    field(body, 'warnings') !== undefined
  ) {
    response.shape = 'handles';
    readHandles(handle, response);
    response.errors = problems(field(body, 'errors'), 'errors', response);
    response.warnings = problems(field(body, 'warnings'), 'warnings', response);
  } else if (isProblem(body, response.contentType)) {
    readProblem(body, response);
  } else if (keys(body).every((k) => k === 'requestId') && requestId !== undefined) {
    response.shape = 'accepted';
  } else {
    response.shape = 'unrecognised';
    response.notes.push('The body has no handle, errors or warnings and is not a problem object.');
  }
}

function readProblem(body: unknown, response: DecodedResponse): void {
  response.shape = 'problem';
  response.problem = decodeProblem(body, response.status);
  const reported = response.problem.report?.requestId;
  if (response.requestId === undefined && reported !== undefined) {
    response.requestId = reported;
    response.requestIdSource = 'report';
  }
}

function isProblem(body: unknown, contentType: string | undefined): boolean {
  if (/problem\+json/i.test(contentType ?? '')) return true;
  return (
    typeof field(body, 'type') === 'string' ||
    (field(body, 'status') !== undefined && field(body, 'title') !== undefined)
  );
}

function readHandles(handle: unknown, response: DecodedResponse): void {
  if (handle === undefined) return;
  const array = list(handle);
  if (!array) {
    response.notes.push(`handle is ${describeType(handle)}, not an array.`);
    return;
  }
  response.handleArray = true;
  for (let i = 0; i < array.length; i++) response.handles.push(decodeHandle(array[i], i));
  response.groups = groupHandles(response.handles);
}

/** Request-scoped handles first, then by eventIndex ascending; body order inside each group. */
export function groupHandles(handles: readonly DecodedHandle[]): HandleGroup[] {
  const request: DecodedHandle[] = [];
  const byEvent = new Map<number, DecodedHandle[]>();
  for (const handle of handles) {
    if (handle.eventIndex === undefined) request.push(handle);
    else {
      const group = byEvent.get(handle.eventIndex);
      if (group) group.push(handle);
      else byEvent.set(handle.eventIndex, [handle]);
    }
  }
  const groups: HandleGroup[] = request.length ? [{ handles: request }] : [];
  const indexes = [...byEvent.keys()].sort((a, b) => a - b);
  for (const eventIndex of indexes)
    groups.push({ eventIndex, handles: byEvent.get(eventIndex) ?? [] });
  return groups;
}

function problems(value: unknown, name: string, response: DecodedResponse): Problem[] {
  if (value === undefined) return [];
  const array = list(value);
  if (!array) {
    response.notes.push(`${name} is ${describeType(value)}, not an array.`);
    return [];
  }
  const out: Problem[] = [];
  for (let i = 0; i < array.length; i++) out.push(decodeProblem(array[i]));
  return out;
}

function finish(response: DecodedResponse, input: Omit<ResponseInput, 'text'>): void {
  response.requestIdMatch = compareRequestIds(input.sentRequestId, response.requestId);
  const status = response.status;
  if (status !== undefined) {
    response.statusExplanation = explainStatus(status, response.errors.length > 0);
    if (status === 200 && response.shape === 'empty')
      response.notes.push('200 with an empty body.');
    if (status === 202 && response.shape === 'accepted')
      response.notes.push('Accepted for processing (v2 collect).');
  }
  if (
    alloyReadsResponse(input.endpoint) &&
    status !== undefined &&
    response.shape !== 'not-captured'
  )
    response.alloy = alloyVerdict(response, status);
}
