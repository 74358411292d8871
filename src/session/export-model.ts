/**
 * What an export is made of: the calls with their bodies and the pages, already redacted.
 * Every export format (HAR, JSON session, CSV) starts from `prepareExport`, so redaction happens in
 * one place, before any format sees the data, and the decoded view is decoded from the redacted
 * bodies (nothing redacted can leak back through it).
 */
import { decodeCall } from '../edge/decode-call';
import type { DecodedCall } from '../edge/decode-call';
import type { CallWithBodies, CapturedCall, PageVisit } from './call';
import {
  appliedRules,
  collectValues,
  createHasher,
  redactBody,
  redactHeaders,
  redactText,
  redactUrl,
} from './redaction';
import type { Hasher, RedactionOptions, RedactionRule } from './redaction';

export interface PreparedCall extends CallWithBodies {
  decoded: DecodedCall;
}

export interface PreparedExport {
  calls: PreparedCall[];
  pages: PageVisit[];
  redaction: Array<{ rule: RedactionRule; description: string }>;
  exportedAt: string;
}

export const TOOL = { name: 'AEP Edge Inspector', version: '0.1.0' } as const;

export async function prepareExport(
  calls: readonly CallWithBodies[],
  pages: readonly PageVisit[],
  options: RedactionOptions,
  now: Date = new Date(),
): Promise<PreparedExport> {
  const values = new Set<string>();
  if (options.rules.has('identities')) {
    for (const item of calls) {
      collectValues(item.requestBody, values);
      collectValues(item.responseBody, values);
      collectValues(item.call.url, values);
      collectValues(item.call.note, values);
      for (const text of analysisTexts(item.call)) collectValues(text, values);
      // The visitor's ECID, as the analysis kept it, is an identity like the identityMap's ids.
      if (item.call.visitor?.ecid) values.add(item.call.visitor.ecid);
    }
    for (const page of pages) collectValues(`${page.url} ${page.title ?? ''}`, values);
  }
  const hasher = await createHasher(values);
  const prepared = calls.map((item): PreparedCall => {
    const url = redactUrl(item.call.url, options, hasher);
    const requestBody = redactBody(item.requestBody, options, hasher);
    const responseBody = redactBody(item.responseBody, options, hasher);
    const call: CapturedCall = {
      ...item.call,
      url,
      requestHeaders: redactHeaders(item.call.requestHeaders, options),
      responseHeaders: redactHeaders(item.call.responseHeaders, options),
      note: item.call.note === undefined ? undefined : redactText(item.call.note, options, hasher),
      documentUrl: item.call.documentUrl && redactUrl(item.call.documentUrl, options, hasher),
      ...redactedAnalysis(item.call, (text) => redactQuoted(text, options, hasher, values)),
    };
    const decoded = decodeCall({
      url,
      requestText: requestBody,
      responseText: responseBody,
      status: call.status,
      responseHeaders: call.responseHeaders,
    });
    return { call, requestBody, responseBody, decoded };
  });
  const redactedPages = pages.map((page) => ({
    ...page,
    url: redactUrl(page.url, options, hasher),
    title: page.title === undefined ? undefined : redactText(page.title, options, hasher),
    // Renders hold proposition ids and scopes, as the response bodies do; only the SDK's error
    // text is free text.
    ...(page.renders && {
      renders: page.renders.map((render) =>
        render.error === undefined
          ? render
          : { ...render, error: redactText(render.error, options, hasher) },
      ),
    }),
  }));
  return {
    calls: prepared,
    pages: redactedPages,
    redaction: appliedRules(options),
    exportedAt: now.toISOString(),
  };
}

/** The stored analysis's texts that quote the page's data: plain words, findings' values. */
function analysisTexts(call: CapturedCall): string[] {
  const findings = call.validation?.events.flatMap((e) => e.findings) ?? [];
  return [
    ...(call.plain ?? []).map((line) => line.text),
    ...findings.flatMap((f) => [f.actual ?? '', f.expected ?? '', f.message]),
  ];
}

/**
 * Text the analysis quoted from a body: emails hashed like any text, and every identity value the
 * bodies' identity rule hashes (identityMap ids) hashed the same way wherever it is quoted.
 */
function redactQuoted(
  text: string,
  options: RedactionOptions,
  hasher: Hasher,
  identities: ReadonlySet<string>,
): string {
  let out = redactText(text, options, hasher);
  if (!options.rules.has('identities')) return out;
  for (const value of identities)
    if (out.includes(value)) out = out.split(value).join(hasher.hash(value));
  return out;
}

/** The analysis with what it quotes of the page redacted like the bodies it came from. */
function redactedAnalysis(
  call: CapturedCall,
  redact: (text: string) => string,
): Pick<CapturedCall, 'plain' | 'validation' | 'visitor'> {
  const plain = call.plain?.map((line) => ({ ...line, text: redact(line.text) }));
  const validation = call.validation && {
    ...call.validation,
    events: call.validation.events.map((event) => ({
      ...event,
      findings: event.findings.map((f) => ({
        ...f,
        message: redact(f.message),
        ...(f.actual === undefined ? {} : { actual: redact(f.actual) }),
        ...(f.expected === undefined ? {} : { expected: redact(f.expected) }),
      })),
    })),
  };
  const visitor = call.visitor && {
    ...call.visitor,
    ...(call.visitor.ecid === undefined ? {} : { ecid: redact(call.visitor.ecid) }),
  };
  return {
    ...(plain ? { plain } : {}),
    ...(validation ? { validation } : {}),
    ...(visitor ? { visitor } : {}),
  };
}

/** `aep-edge-<site>-<yyyymmdd-hhmmss>.<ext>`: the site of the first page, else of the first call. */
export function exportFileName(prepared: PreparedExport, extension: string): string {
  const first =
    prepared.pages[0]?.url ?? prepared.calls[0]?.call.documentUrl ?? prepared.calls[0]?.call.url;
  let site = 'session';
  try {
    if (first) site = new URL(first).host || site;
  } catch {
    // keep the default
  }
  const safe = site.replace(/[^A-Za-z0-9.-]+/g, '_').slice(0, 60);
  const stamp = prepared.exportedAt.replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  return `aep-edge-${safe}-${stamp}.${extension}`;
}
