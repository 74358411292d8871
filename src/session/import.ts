/**
 * Import of a HAR (ours, or one saved from Chrome's Network panel) or of the tool's JSON session.
 * Files are untrusted input: nothing is taken as it is; every call is rebuilt from checked fields,
 * and only Edge calls are kept. A bad file is refused whole, with the reason, and changes nothing.
 */
import { matchEdgeUrl } from '../edge/endpoint';
import type {
  BodyMeta,
  CallWithBodies,
  CaptureSource,
  CapturedCall,
  ImportOrigin,
  PageVisit,
} from './call';
import { emptyBody } from './call';
import { SESSION_FORMAT, SESSION_VERSION } from './session-file';
import { finite, isRecord, list, text } from '../edge/read';
import { renderRecordOf, type RenderRecord } from '../edge/render-event';
import { sdkEventOf, type SdkEvent } from '../edge/sdk-event';
import { mergeRenders, mergeSdkEvents } from './pages';
import { SOURCES, headersOf } from './observation';
import type { Plan } from '../validate/plan';
import { pageOf } from '../validate/session-verdicts';
import { analyzeCall, withAnalysis } from './analysis';

/** Larger files are refused: a debugging session of 10,000 calls is about 30 MB as HAR. */
export const IMPORT_LIMIT_BYTES = 40 * 1024 * 1024;

export type ImportResult =
  | { ok: true; origin: ImportOrigin; calls: CallWithBodies[]; pages: PageVisit[]; skipped: number }
  | { ok: false; reason: string };

type Json = Record<string, unknown>;

function contentText(content: unknown): string | undefined {
  if (!isRecord(content)) return undefined;
  const body = text(content.text);
  if (body === undefined || content.encoding !== 'base64') return body;
  try {
    const bytes = Uint8Array.from(atob(body), (c) => c.charCodeAt(0));
    return new TextDecoder().decode(bytes);
  } catch {
    return undefined;
  }
}

function mimeOf(content: unknown): string | undefined {
  return isRecord(content) ? text(content.mimeType) || undefined : undefined;
}

/** What is known of a body: from our own export's record when there is one, checked field by field. */
function bodyMeta(bodyText: string | undefined, ours: unknown, contentType?: string): BodyMeta {
  if (bodyText === undefined) return emptyBody();
  const meta: BodyMeta = { captured: true, size: bodyText.length };
  if (contentType) meta.contentType = contentType;
  if (!isRecord(ours)) return meta;
  const source = SOURCES.find((s) => s === ours.source);
  if (source) meta.source = source;
  const size = finite(ours.size);
  if (size !== undefined) meta.size = size;
  if (ours.truncated === true) meta.truncated = true;
  const type = text(ours.contentType);
  if (type) meta.contentType = type;
  return meta;
}

/** Builds a call from a HAR entry; our own `_aepInspector` fields add what HAR has no room for. */
/** A revived call and the id it had in the file (resend links name those ids). */
type Revived = CallWithBodies & { fileId?: string };

function callFromEntry(entry: Json, origin: ImportOrigin, index: number): Revived | undefined {
  const request = isRecord(entry.request) ? entry.request : {};
  const response = isRecord(entry.response) ? entry.response : {};
  const url = text(request.url);
  const endpoint = url === undefined ? undefined : matchEdgeUrl(url);
  if (!url || !endpoint) return undefined;
  const ours =
    isRecord(entry._aepInspector) && isRecord(entry._aepInspector.call)
      ? entry._aepInspector.call
      : {};
  const requestBody = isRecord(request.postData) ? text(request.postData.text) : undefined;
  const responseBody = contentText(response.content);
  const status = finite(response.status);
  const started = Date.parse(text(entry.startedDateTime) ?? '');
  const duration = finite(entry.time);
  const sources = Array.isArray(ours.sources)
    ? SOURCES.filter((s) => (ours.sources as unknown[]).includes(s))
    : (['devtools'] as CaptureSource[]);
  const call: CapturedCall = {
    id: `${origin.importId}:${index}`,
    seq: index + 1,
    tabId: -1,
    pageId:
      text(entry.pageref) === undefined ? undefined : `${origin.importId}:${text(entry.pageref)}`,
    url,
    method: text(request.method) ?? 'POST',
    endpoint,
    startedAt: Number.isFinite(started) ? started : 0,
    durationMs: duration === undefined || duration < 0 ? undefined : Math.round(duration),
    state: status ? 'complete' : 'failed',
    status: status || undefined,
    statusText: text(response.statusText),
    error: text(entry._error) ?? text(ours.error),
    requestHeaders: headersOf(request.headers),
    responseHeaders: headersOf(response.headers),
    request: bodyMeta(requestBody, ours.request, undefined),
    response: bodyMeta(responseBody, ours.response, mimeOf(response.content)),

    sources,

    note: text(ours.note),
    // Resend links name ids from the file; relink() maps them to the ids given here.
    resendOf: text(ours.resendOf),
    resends: Array.isArray(ours.resends)
      ? ours.resends.filter((id): id is string => typeof id === 'string')
      : undefined,

    transport:
      ours.transport === 'beacon' || ours.transport === 'xhr' || ours.transport === 'fetch'
        ? ours.transport
        : undefined,
    keys: {},
    imported: origin,
  };
  if (!call.request.captured) call.request.missing = 'The file has no request body for this call.';
  if (!call.response.captured)
    call.response.missing = 'The file has no response body for this call.';
  return { call, requestBody, responseBody, fileId: text(ours.id) };
}

/** A page's renders from a file, each through the same guard as the page's (capped as stored). */
function rendersOf(value: unknown): RenderRecord[] | undefined {
  const records = (list(value) ?? []).map(renderRecordOf).filter((r) => r !== undefined);
  const merged = mergeRenders(undefined, records);
  return merged ? [...merged] : undefined;
}

/** A page's SDK events from a file, each through the same guard as the page's (capped as stored). */
function sdkEventsOf(value: unknown): SdkEvent[] | undefined {
  const events = (list(value) ?? []).map(sdkEventOf).filter((e) => e !== undefined);
  const merged = mergeSdkEvents(undefined, events);
  return merged ? [...merged] : undefined;
}

function pagesOf(list: unknown, origin: ImportOrigin): PageVisit[] {
  if (!Array.isArray(list)) return [];
  return list.filter(isRecord).flatMap((page) => {
    const id = text(page.id);
    if (!id) return [];
    const started = Date.parse(text(page.startedDateTime) ?? '') || finite(page.startedAt) || 0;
    const url = text(page._url) ?? text(page.url) ?? text(page.title) ?? '';
    const visit: PageVisit = {
      id: `${origin.importId}:${id}`,
      tabId: -1,
      url,
      title: text(page.title),
      startedAt: started,
    };
    const renders = rendersOf(page.renders);
    if (renders) visit.renders = renders;
    const sdk = sdkEventsOf(page.sdk);
    if (sdk) visit.sdk = sdk;
    return [visit];
  });
}

/**
 * Our HARs hold each page's renders and SDK events in `_aepInspector.pages` (the HAR page has no
 * room for them): the HAR pages with them added, by page id.
 */
function withOurReports(pages: unknown, ours: unknown): unknown {
  if (!Array.isArray(pages) || !Array.isArray(ours)) return pages;
  const reports = new Map(
    ours.filter(isRecord).flatMap((page) => {
      const id = text(page.id);
      return id ? [[id, { renders: page.renders, sdk: page.sdk }] as const] : [];
    }),
  );
  return pages.map((page) => {
    const id = isRecord(page) ? text(page.id) : undefined;
    const found = id === undefined ? undefined : reports.get(id);
    return found ? { ...page, ...found } : page;
  });
}

/** Maps resend links from the file's ids to the imported ids; links to calls not in the file go. */
function relink(revived: readonly Revived[]): CallWithBodies[] {
  const ids = new Map(revived.flatMap((r) => (r.fileId ? [[r.fileId, r.call.id] as const] : [])));
  return revived.map(({ call, requestBody, responseBody }) => {
    const resendOf = call.resendOf === undefined ? undefined : ids.get(call.resendOf);
    const resends = call.resends?.map((id) => ids.get(id)).filter((id): id is string => !!id);
    const linked = { ...call, resendOf, resends: resends?.length ? resends : undefined };
    return { call: linked, requestBody, responseBody };
  });
}

function importHar(json: Json, origin: ImportOrigin): ImportResult {
  const log = json.log;
  if (!isRecord(log) || !Array.isArray(log.entries)) {
    return { ok: false, reason: 'This is not a HAR file: it has no log.entries.' };
  }
  const version = text(log.version);
  if (version !== '1.2' && version !== '1.1') {
    return {
      ok: false,
      reason: `Unsupported HAR version "${String(log.version)}": only 1.1 and 1.2 can be imported.`,
    };
  }
  const entries = log.entries.filter(isRecord);
  const calls = relink(
    entries.map((e, i) => callFromEntry(e, origin, i)).filter((c): c is Revived => !!c),
  );
  // Our HARs carry each page's URL in `_url`; others (Chrome's) only have a title.
  const ours = isRecord(log._aepInspector) ? log._aepInspector.pages : undefined;
  const pages = pagesOf(withOurReports(log.pages, ours), origin);
  const skipped = log.entries.length - calls.length;
  return { ok: true, origin: { ...origin, format: 'har' }, calls, pages, skipped };
}

function importSession(json: Json, origin: ImportOrigin): ImportResult {
  if (json.version !== SESSION_VERSION) {
    return {
      ok: false,
      reason: `Unsupported session version "${String(json.version)}": this version of the tool reads version ${SESSION_VERSION}.`,
    };
  }
  if (!Array.isArray(json.calls))
    return { ok: false, reason: 'The session file has no calls list.' };
  const revived: Revived[] = [];
  json.calls.filter(isRecord).forEach((item, index) => {
    const call = isRecord(item.call) ? item.call : {};
    // Reuse the HAR path: a session call is a HAR entry with our fields, field for field.
    const entry: Json = {
      startedDateTime: new Date(finite(call.startedAt) ?? 0).toISOString(),
      time: call.durationMs,
      pageref: call.pageId,
      _error: call.error,
      request: {
        url: call.url,
        method: call.method,
        headers: call.requestHeaders,
        postData: { text: item.requestBody },
      },
      response: {
        status: call.status,
        statusText: call.statusText,
        headers: call.responseHeaders,
        content: { text: item.responseBody },
      },
      _aepInspector: { call },
    };
    const found = callFromEntry(entry, origin, index);
    if (found) revived.push(found);
  });
  const calls = relink(revived);

  const pages = Array.isArray(json.pages)
    ? pagesOf(
        json.pages.filter(isRecord).map((p) => ({
          ...p,
          _url: p.url,
          startedDateTime: new Date(finite(p.startedAt) ?? 0).toISOString(),
        })),
        origin,
      )
    : [];
  return {
    ok: true,
    origin: { ...origin, format: 'session' },
    calls,
    pages,
    skipped: json.calls.length - calls.length,
  };
}

/** Reads a file's text as HAR or session. `importId` names this import (unique per file). */
/** Imported calls get the analysis live capture gives them: the same function, stored the same. */
function analysed(result: ImportResult, context: { plan?: Plan }): ImportResult {
  if (!result.ok) return result;
  const visits = new Map(result.pages.map((page) => [page.id, page]));
  const calls = result.calls.map((item) => {
    const page = pageOf(item.call, visits);
    const analysis = analyzeCall(item.call, item.requestBody, item.responseBody, {
      ...context,
      page,
    });
    return { ...item, call: withAnalysis(item.call, analysis) };
  });
  return { ...result, calls };
}

/**
 * Reads a file's text as HAR or session. `importId` names this import (unique per file); a plan in
 * `context` validates the imported events as live capture would.
 */
export function importFile(
  fileName: string,
  fileText: string,
  importId: string,
  context: { plan?: Plan } = {},
): ImportResult {
  if (fileText.length > IMPORT_LIMIT_BYTES) {
    return {
      ok: false,
      reason: `The file is ${(fileText.length / 1024 / 1024).toFixed(1)} MB; files up to ${IMPORT_LIMIT_BYTES / 1024 / 1024} MB can be imported.`,
    };
  }
  let json: unknown;
  try {
    json = JSON.parse(fileText);
  } catch (error) {
    return {
      ok: false,
      reason: `The file is not valid JSON: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
  if (!isRecord(json))
    return { ok: false, reason: 'The file is JSON but neither a HAR nor a session file.' };
  const origin: ImportOrigin = { importId, fileName, format: 'har' };
  if (json.format === SESSION_FORMAT) return analysed(importSession(json, origin), context);
  if ('log' in json) return analysed(importHar(json, origin), context);
  return {
    ok: false,
    reason: 'The file is JSON but neither a HAR (no "log") nor an AEP Edge Inspector session.',
  };
}
