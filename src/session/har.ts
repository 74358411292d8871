/**
 * HAR 1.2 export. Standard fields hold the network facts (so the file opens in Chrome DevTools'
 * Network panel and other HAR viewers); `_`-prefixed custom fields, which HAR 1.2 allows, carry
 * what only this tool knows: the decoded AEP view, capture sources, notes and page groups, and
 * the visit's findings (their `callIds` are the entries' `_aepInspector.id`).
 */
import type { Entry, Har, Header as HarHeader, Page } from 'har-format';
import type { Header } from './call';
import type { PreparedCall, PreparedExport } from './export-model';
import { TOOL } from './export-model';

/** Marks our HARs so that import can restore everything, not just the network facts. */
export const HAR_MARK = 'aep-edge-inspector';
export const HAR_EXPORT_VERSION = 1;

function harHeaders(headers: readonly Header[] | undefined): HarHeader[] {
  return (headers ?? []).map((h) => ({ name: h.name, value: h.value }));
}

function headerValue(headers: readonly Header[] | undefined, name: string): string | undefined {
  return headers?.find((h) => h.name.toLowerCase() === name)?.value;
}

function queryOf(url: string): Array<{ name: string; value: string }> {
  try {
    return [...new URL(url).searchParams].map(([name, value]) => ({ name, value }));
  } catch {
    return [];
  }
}

function entryOf(item: PreparedCall): Entry {
  const { call, requestBody, responseBody, decoded } = item;
  const duration = Math.max(0, call.durationMs ?? 0);
  const requestType = headerValue(call.requestHeaders, 'content-type') ?? 'text/plain';
  const responseType =
    call.response.contentType ?? headerValue(call.responseHeaders, 'content-type') ?? '';
  const entry: Entry = {
    startedDateTime: new Date(call.startedAt).toISOString(),
    time: duration,
    request: {
      method: call.method,
      url: call.url,
      httpVersion: 'HTTP/1.1',
      cookies: [],
      headers: harHeaders(call.requestHeaders),
      queryString: queryOf(call.url),
      headersSize: -1,
      bodySize: requestBody === undefined ? -1 : (call.request.size ?? requestBody.length),
      ...(requestBody === undefined
        ? {}
        : { postData: { mimeType: requestType, text: requestBody } }),
    },
    response: {
      status: call.status ?? 0,
      statusText: call.statusText ?? (call.error ? call.error : ''),
      httpVersion: 'HTTP/1.1',
      cookies: [],
      headers: harHeaders(call.responseHeaders),
      content: {
        size: call.response.size ?? responseBody?.length ?? 0,
        mimeType: responseType,
        ...(responseBody === undefined ? {} : { text: responseBody }),
      },
      redirectURL: '',
      headersSize: -1,
      bodySize: responseBody === undefined ? -1 : (call.response.size ?? responseBody.length),
    },
    cache: {},
    timings: { blocked: -1, dns: -1, connect: -1, ssl: -1, send: 0, wait: duration, receive: 0 },
    // Chrome DevTools shows this as the Type column.
    _resourceType: call.transport === 'beacon' ? 'ping' : 'fetch',
    _aepInspector: {
      id: call.id,
      call,
      decoded: {
        action: decoded.action,
        events: decoded.events.map((e) => e.line),
        handleTypes: decoded.handleTypes,
        errors: decoded.errors.map((e) => e.line),
        identityFindings: decoded.identity.findings,
        ecid: decoded.identity.ecidFromResponse ?? decoded.identity.ecidFromSentCookie,
      },
      captureSources: call.sources,
      note: call.note,
      missing: {
        request: call.request.captured ? undefined : call.request.missing,
        response: call.response.captured ? undefined : call.response.missing,
      },
    },
  };
  if (call.pageId) entry.pageref = call.pageId;
  if (call.error) entry._error = call.error;
  return entry;
}

export function toHar(prepared: PreparedExport): Har {
  const pageIds = new Set(prepared.calls.map((c) => c.call.pageId).filter(Boolean));
  const pages: Page[] = prepared.pages
    .filter((page) => pageIds.has(page.id))
    .map((page) => ({
      startedDateTime: new Date(page.startedAt).toISOString(),
      id: page.id,
      title: page.title || page.url,
      pageTimings: {},
      _url: page.url,
      _tabId: page.tabId,
    }));
  return {
    log: {
      version: '1.2',
      creator: { name: TOOL.name, version: TOOL.version },
      pages,
      entries: prepared.calls.map(entryOf),
      comment: `Exported ${prepared.exportedAt} by ${TOOL.name}. Redaction: ${
        prepared.redaction.map((r) => r.rule).join(', ') || 'none'
      }.`,
      _aepInspector: {
        format: HAR_MARK,
        version: HAR_EXPORT_VERSION,
        exportedAt: prepared.exportedAt,
        redaction: prepared.redaction,
        pages: prepared.pages,
        visit: prepared.visit,
      },
    },
  } as Har;
}
