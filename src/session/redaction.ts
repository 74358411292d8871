/**
 * Redaction before anything leaves the extension (exports). On by default, each rule switchable,
 * and the export records which rules were applied.
 *
 * Identities and emails are replaced by a keyed hash, so the same id gives the same token across
 * the whole export (a developer can still follow one visitor) without revealing the id.
 */
import type { Header } from './call';
import { isRecord } from '../edge/read';

export type RedactionRule = 'secrets' | 'identities' | 'kndctr';

export interface RedactionOptions {
  rules: ReadonlySet<RedactionRule>;
}

export const ALL_RULES: readonly RedactionRule[] = ['secrets', 'identities', 'kndctr'];

export const RULE_LABELS: Record<RedactionRule, string> = {
  secrets:
    'Mask Authorization, x-api-key, Cookie and Set-Cookie values, and token-like query parameters',
  identities:
    'Hash identityMap ids, the ids identity:result returns (ECID) and email addresses (the same value always gives the same hash)',
  kndctr: 'Mask kndctr_ cookie values in meta.state and state:store',
};

export function defaultRedaction(): RedactionOptions {
  return { rules: new Set(ALL_RULES) };
}

const SECRET_HEADERS = new Set([
  'authorization',
  'proxy-authorization',
  'x-api-key',
  'x-gw-ims-user-token',
  'cookie',
  'set-cookie',
]);
const TOKEN_PARAM =
  /^(access_?token|id_?token|token|api_?key|apikey|auth|key|secret|sig|signature|password|code)$/i;
const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;
export const MASK = '[redacted]';

/** Hashes values consistently within one export. */
export interface Hasher {
  hash(value: string): string;
}

/**
 * A keyed SHA-256 hasher. The key is random per export: tokens match within a file but cannot be
 * looked up against a list of known ids. SHA-256 comes from WebCrypto, which is asynchronous, so
 * values are collected first (collectValues) and hashed in one go.
 */
export async function createHasher(values: Iterable<string>, key?: string): Promise<Hasher> {
  const salt = key ?? crypto.randomUUID();
  const table = new Map<string, string>();
  const encoder = new TextEncoder();
  for (const value of new Set(values)) {
    const digest = await crypto.subtle.digest('SHA-256', encoder.encode(`${salt}:${value}`));
    const hex = [...new Uint8Array(digest).slice(0, 8)]
      .map((b) => b.toString(16).padStart(2, '0'))
      .join('');
    table.set(value, `hash:${hex}`);
  }
  return { hash: (value) => table.get(value) ?? MASK };
}

export function redactHeaders(
  headers: readonly Header[] | undefined,
  options: RedactionOptions,
): Header[] | undefined {
  if (!headers || !options.rules.has('secrets')) return headers ? [...headers] : undefined;
  return headers.map((h) =>
    SECRET_HEADERS.has(h.name.toLowerCase()) ? { name: h.name, value: MASK } : h,
  );
}

export function redactUrl(url: string, options: RedactionOptions, hasher: Hasher): string {
  let out = url;
  if (options.rules.has('secrets')) {
    try {
      const parsed = new URL(url);
      let changed = false;
      for (const key of [...parsed.searchParams.keys()]) {
        if (TOKEN_PARAM.test(key)) {
          parsed.searchParams.set(key, MASK);
          changed = true;
        }
      }
      if (changed) out = parsed.href;
    } catch {
      // Not a URL: leave it, the email rule below still applies.
    }
  }
  if (options.rules.has('identities')) out = out.replace(EMAIL, (email) => hasher.hash(email));
  return out;
}

/** Free text (notes, page titles): only the email rule applies. */
export function redactText(text: string, options: RedactionOptions, hasher: Hasher): string {
  return options.rules.has('identities')
    ? text.replace(EMAIL, (email) => hasher.hash(email))
    : text;
}

/** Every string a body's identity rule would hash: identity ids and emails anywhere. */
export function collectValues(text: string | undefined, into: Set<string>): void {
  if (!text) return;
  for (const match of text.matchAll(EMAIL)) into.add(match[0]);
  const json = parseOrUndefined(text);
  if (json !== undefined) walk(json, (node) => identityIds(node).forEach((id) => into.add(id)));
}

function parseOrUndefined(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Visits every object in a JSON value, iteratively (bodies can nest deeper than the stack). */
function walk(root: unknown, visit: (node: Record<string, unknown>) => void): void {
  const stack: unknown[] = [root];
  while (stack.length) {
    const node = stack.pop();
    if (Array.isArray(node)) stack.push(...node);
    else if (isRecord(node)) {
      visit(node);
      stack.push(...Object.values(node));
    }
  }
}

/**
 * The objects holding one identity each: an identityMap's entries, and the payload of an
 * `identity:result` handle (the ECID, and CORE, that Edge returns: the same visitor ids).
 */
function identityEntries(node: Record<string, unknown>): Array<Record<string, unknown>> {
  const entries: Array<Record<string, unknown>> = [];
  const map = node.identityMap;
  if (isRecord(map))
    for (const value of Object.values(map))
      for (const entry of Array.isArray(value) ? value : [value])
        if (isRecord(entry)) entries.push(entry);
  if (node.type === 'identity:result' && Array.isArray(node.payload))
    entries.push(...node.payload.filter(isRecord));
  return entries;
}

function identityIds(node: Record<string, unknown>): string[] {
  return identityEntries(node).flatMap((entry) => (typeof entry.id === 'string' ? [entry.id] : []));
}

function isKndctr(key: unknown): boolean {
  return typeof key === 'string' && key.startsWith('kndctr_');
}

/** Applies the body rules to a JSON body (or, when it is not JSON, the email rule to its text). */
export function redactBody(
  text: string | undefined,
  options: RedactionOptions,
  hasher: Hasher,
): string | undefined {
  if (text === undefined) return undefined;
  const json = parseOrUndefined(text);
  if (json === undefined) {
    return options.rules.has('identities')
      ? text.replace(EMAIL, (email) => hasher.hash(email))
      : text;
  }
  let changed = false;
  walk(json, (node) => {
    if (options.rules.has('identities')) changed = hashIdentities(node, hasher) || changed;
    // meta.state.entries[] and state:store payload entries share the {key, value} shape.
    if (options.rules.has('kndctr') && isKndctr(node.key) && 'value' in node) {
      node.value = MASK;
      changed = true;
    }
  });
  // Untouched bodies keep their exact bytes; changed ones are re-serialised.
  let out = changed ? JSON.stringify(json) : text;
  if (options.rules.has('identities')) out = out.replace(EMAIL, (email) => hasher.hash(email));
  return out;
}

function hashIdentities(node: Record<string, unknown>, hasher: Hasher): boolean {
  let changed = false;
  for (const entry of identityEntries(node)) {
    if (typeof entry.id === 'string') {
      entry.id = hasher.hash(entry.id);
      changed = true;
    }
  }
  return changed;
}

export function appliedRules(
  options: RedactionOptions,
): Array<{ rule: RedactionRule; description: string }> {
  return ALL_RULES.filter((rule) => options.rules.has(rule)).map((rule) => ({
    rule,
    description: RULE_LABELS[rule],
  }));
}
