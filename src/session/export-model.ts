/**
 * What an export is made of: the calls with their bodies and the pages, already redacted, and the
 * visit's findings. Every export format (HAR, JSON session, CSV, QA reports) starts from
 * `prepareExport`, so redaction happens in one place, before any format sees the data, and the
 * decoded view is decoded from the redacted bodies (nothing redacted can leak back through it).
 * The visit's findings are computed from the redacted calls and pages: the same findings the
 * viewer shows (a keyed hash keeps equal ids equal), quoting only redacted values.
 */
import { decodeCall } from '../edge/decode-call';
import type { DecodedCall } from '../edge/decode-call';
import type { SdkEvent } from '../edge/sdk-event';
import type { CallFacts } from '../edge/visit-facts';
import { checkVisit } from '../validate/visit-results';
import type { VisitFinding } from '../validate/visit-checks';
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
import { MASK } from './redaction';
import type { Hasher, RedactionOptions, RedactionRule } from './redaction';

export interface PreparedCall extends CallWithBodies {
  decoded: DecodedCall;
}

export interface PreparedExport {
  calls: PreparedCall[];
  pages: PageVisit[];
  redaction: Array<{ rule: RedactionRule; description: string }>;
  exportedAt: string;
  /**
   * The visit checks' findings over the exported calls and pages, as the viewer showed them at
   * export time; their `callIds` are the exported calls' ids.
   */
  visit: VisitFinding[];
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
      for (const id of factIdentities(item.call.facts)) values.add(id);
    }
    for (const page of pages) {
      collectValues(`${page.url} ${page.title ?? ''}`, values);
      for (const text of sdkTexts(page.sdk)) collectValues(text, values);
    }
  }
  const hasher = await createHasher(values);
  // The kndctr cookie values the bodies carry: SDK log lines quote those bodies as text, where
  // the body's own redaction cannot see them.
  const secrets = new Set<string>();
  if (options.rules.has('kndctr'))
    for (const item of calls) {
      collectKndctrValues(item.requestBody, secrets);
      collectKndctrValues(item.responseBody, secrets);
    }
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
      ...(item.call.facts ? { facts: redactedFacts(item.call.facts, options, hasher) } : {}),
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
    ...(page.sdk && {
      sdk: redactedSdk(page.sdk, (text) =>
        maskKnown(
          redactQuoted(redactBody(text, options, hasher) ?? text, options, hasher, values),
          secrets,
        ),
      ),
    }),
  }));
  // An imported file is a finished visit (every page was left); live capture is not over yet.
  const ended = prepared.length > 0 && prepared.every((item) => item.call.imported !== undefined);
  const visit = checkVisit(
    prepared.map((item) => item.call),
    redactedPages,
    { ended },
  );
  return {
    calls: prepared,
    pages: redactedPages,
    redaction: appliedRules(options),
    exportedAt: now.toISOString(),
    visit,
  };
}

/** The identities a call's visit facts hold: its ECIDs and the ids its events sent. */
function factIdentities(facts: CallFacts | undefined): string[] {
  if (!facts) return [];
  const ecids = [facts.ecid, facts.ecidStored, facts.ecidSent].filter((id) => id !== undefined);
  return [...ecids, ...(facts.identities ?? []).map((identity) => identity.id)];
}

/**
 * The visit facts redacted like the bodies they were read from: under `identities` every ECID
 * and every sent id hashed (the same hash as in the bodies, so the visit still follows one
 * visitor); under `kndctr` the cluster cookie's values masked.
 */
function redactedFacts(facts: CallFacts, options: RedactionOptions, hasher: Hasher): CallFacts {
  const out: CallFacts = { ...facts };
  if (options.rules.has('identities')) {
    if (out.ecid !== undefined) out.ecid = hasher.hash(out.ecid);
    if (out.ecidStored !== undefined) out.ecidStored = hasher.hash(out.ecidStored);
    if (out.ecidSent !== undefined) out.ecidSent = hasher.hash(out.ecidSent);
    if (out.identities)
      out.identities = out.identities.map((identity) => ({
        ...identity,
        id: hasher.hash(identity.id),
      }));
  }
  if (options.rules.has('kndctr')) {
    if (out.clusterSent !== undefined) out.clusterSent = MASK;
    if (out.clusterStored !== undefined) out.clusterStored = MASK;
  }
  return out;
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

const KNDCTR_VALUE = /"key"\s*:\s*"kndctr_[^"]*"\s*,\s*"value"\s*:\s*"([^"]+)"/g;

function collectKndctrValues(text: string | undefined, into: Set<string>): void {
  if (!text) return;
  for (const match of text.matchAll(KNDCTR_VALUE)) if (match[1]) into.add(match[1]);
}

/**
 * `text` with every known secret value masked. A text cut to its budget may end inside one, so a
 * tail that begins a secret (8 characters or more) is masked too.
 */
function maskKnown(text: string, secrets: ReadonlySet<string>): string {
  let out = text;
  for (const secret of secrets) if (out.includes(secret)) out = out.split(secret).join(MASK);
  const tail = out.endsWith('…') ? out.slice(0, -1) : out;
  for (const secret of secrets) {
    for (let n = Math.min(secret.length - 1, tail.length); n >= 8; n--) {
      if (tail.endsWith(secret.slice(0, n))) return `${tail.slice(0, tail.length - n)}${MASK}…`;
    }
  }
  return out;
}

/** The texts of SDK events that can hold what the page knows of its visitor. */
function sdkTexts(events: readonly SdkEvent[] | undefined): string[] {
  return (events ?? []).flatMap((event) =>
    [
      event.config,
      event.command?.options,
      event.command?.result,
      event.command?.error,
      event.log?.text,
      event.datalayer?.data,
    ].filter((text) => text !== undefined),
  );
}

/**
 * A page's SDK events with their texts redacted like bodies: the configuration, a command's
 * options and result (an identityMap, getIdentity's ECID), log lines (which quote requests and
 * responses) and data layer pushes. Instance names, versions, command names, levels, the
 * pre-hiding status and the Tags build are kept as they are: they name the setup, not the visitor.
 */
function redactedSdk(events: readonly SdkEvent[], redact: (text: string) => string): SdkEvent[] {
  return events.map((event) => {
    const out: SdkEvent = { ...event };
    if (event.config !== undefined) out.config = redact(event.config);
    if (event.command) {
      const command = { ...event.command };
      if (command.options !== undefined) command.options = redact(command.options);
      if (command.result !== undefined) command.result = redact(command.result);
      if (command.error !== undefined) command.error = redact(command.error);
      out.command = command;
    }
    if (event.log) out.log = { ...event.log, text: redact(event.log.text) };
    if (event.datalayer) out.datalayer = { ...event.datalayer, data: redact(event.datalayer.data) };
    return out;
  });
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
