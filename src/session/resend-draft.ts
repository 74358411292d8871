/**
 * The request a person edits before resending a captured call, and the request that is
 * actually sent. Pure: the editor changes a draft; `prepareSend` makes the request the worker sends.
 */
import { parseJson } from '../edge/json';
import type { CapturedCall, Header } from './call';

export interface ResendDraft {
  method: string;
  url: string;
  headers: Header[];
  /** The body text exactly as it will be sent (the editor's text). */
  body: string;
}

/** What the worker sends for a resend: the edited request, exactly (no defaults are added). */
/** Where a resend is sent from: the inspected page (its origin, cookies, CORS) or the worker. */
export type ResendFrom = 'page' | 'extension';

export interface ResendRequest {
  method: string;
  url: string;
  headers: Header[];
  /** Absent for GET/HEAD. */
  body?: string;
  /** `omit` acts as a new visitor: no cookies go with the request. */
  credentials: 'include' | 'omit';
}

export interface QueryParam {
  name: string;
  value: string;
}

/**
 * Headers a script cannot set (the Fetch standard's forbidden request headers: the browser drops
 * them silently), plus those the browser fills in by itself on every request, so copying them
 * from the capture would only add noise to the editor.
 */
const FORBIDDEN = new Set([
  'accept-charset',
  'accept-encoding',
  'access-control-request-headers',
  'access-control-request-method',
  'connection',
  'content-length',
  'cookie',
  'cookie2',
  'date',
  'dnt',
  'expect',
  'host',
  'keep-alive',
  'origin',
  'referer',
  'set-cookie',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'via',
]);
const BROWSER_SET = new Set([
  'accept',
  'accept-language',
  'cache-control',
  'pragma',
  'priority',
  'user-agent',
]);

/** Alloy's content type (docs/edge-protocol.md §2.1): a "simple" CORS request, no preflight. */
export const ALLOY_CONTENT_TYPE = 'text/plain; charset=UTF-8';

export function isForbiddenHeader(name: string): boolean {
  const lower = name.trim().toLowerCase();
  return FORBIDDEN.has(lower) || lower.startsWith('sec-') || lower.startsWith('proxy-');
}

/** The captured request headers worth editing: what a script may set and the browser does not. */
export function editableHeaders(headers: readonly Header[] | undefined): Header[] {
  return (headers ?? []).filter(
    (h) => !isForbiddenHeader(h.name) && !BROWSER_SET.has(h.name.trim().toLowerCase()),
  );
}

/** Pretty JSON for editing; text that is not JSON is kept as it is, to be fixed in the editor. */
export function editableBody(text: string | undefined): string {
  if (text === undefined || text === '') return '';
  const parsed = parseJson(text);
  return parsed.ok ? JSON.stringify(parsed.value, null, 2) : text;
}

export function draftFromCall(
  call: Pick<CapturedCall, 'method' | 'url' | 'requestHeaders'>,
  requestBody: string | undefined,
): ResendDraft {
  const headers = editableHeaders(call.requestHeaders);
  const body = editableBody(requestBody);
  const hasType = headers.some((h) => h.name.toLowerCase() === 'content-type');
  if (!hasType && body !== '') headers.unshift({ name: 'Content-Type', value: ALLOY_CONTENT_TYPE });
  return { method: call.method || 'POST', url: call.url, headers, body };
}

function parseUrl(url: string): URL | undefined {
  try {
    return new URL(url);
  } catch {
    return undefined;
  }
}

export function isValidUrl(url: string): boolean {
  const parsed = parseUrl(url);
  return parsed !== undefined && (parsed.protocol === 'https:' || parsed.protocol === 'http:');
}

/** `host[:port]`, or '' when the URL does not parse. */
export function hostOf(url: string): string {
  return parseUrl(url)?.host ?? '';
}

/** The query parameters, decoded, in order (repeated names stay repeated). */
export function queryOf(url: string): QueryParam[] {
  const parsed = parseUrl(url);
  if (!parsed) return [];
  return [...parsed.searchParams].map(([name, value]) => ({ name, value }));
}

/** `url` with its query replaced by `params` (rows without a name are left out). */
export function withQuery(url: string, params: readonly QueryParam[]): string {
  const parsed = parseUrl(url);
  if (!parsed) return url;
  const search = new URLSearchParams();
  for (const p of params) if (p.name !== '') search.append(p.name, p.value);
  parsed.search = search.toString();
  return parsed.href;
}

/** Sets the first parameter named `name` (case-insensitive), or appends it. */
export function withParam(url: string, name: string, value: string): string {
  const params = queryOf(url);
  const at = params.findIndex((p) => p.name.toLowerCase() === name.toLowerCase());
  if (at >= 0) params[at] = { name: params[at]?.name ?? name, value };
  else params.push({ name, value });
  return withQuery(url, params);
}

/** The datastream parameter's name and value: `configId` (v1) or `datastreamId` (v2). */
export function datastreamParam(url: string): QueryParam {
  const found = queryOf(url).find((p) =>
    ['configid', 'datastreamid'].includes(p.name.toLowerCase()),
  );
  return found ?? { name: /\/v2\//.test(url) ? 'datastreamId' : 'configId', value: '' };
}

export function withDatastream(url: string, datastreamId: string): string {
  return withParam(url, datastreamParam(url).name, datastreamId);
}

/**
 * What links a captured call to the resend that produced it: the URL's requestId, else the URL.
 * Edge appends entropy only to the response's copy, so the request URL keeps the id we sent.
 */
export function linkKeyOf(url: string): string {
  const requestId = queryOf(url).find((p) => p.name === 'requestId')?.value;
  return requestId ? `requestId:${requestId}` : `url:${url}`;
}

export interface SendOptions {
  /** A fresh requestId for this send (the default), or undefined to keep the draft's. */
  requestId?: string;
  /** False sends no cookies: together with dropping meta.state entries, a new visitor. */
  cookies: boolean;
}

/** The request to send for `draft`. GET and HEAD carry no body; nameless header rows are dropped. */
export function prepareSend(draft: ResendDraft, options: SendOptions): ResendRequest {
  const method = draft.method.trim().toUpperCase() || 'POST';
  const url = options.requestId ? withParam(draft.url, 'requestId', options.requestId) : draft.url;
  const headers = draft.headers
    .map((h) => ({ name: h.name.trim(), value: h.value }))
    .filter((h) => h.name !== '');
  const request: ResendRequest = {
    method,
    url,
    headers,
    credentials: options.cookies ? 'include' : 'omit',
  };
  if (method !== 'GET' && method !== 'HEAD') request.body = draft.body;
  return request;
}
