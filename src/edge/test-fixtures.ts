/**
 * Test-only: loads the fixture files in ./fixtures. They are read with JSON.parse rather than
 * imported, because a bundler turns imported JSON into object literals, where a `"__proto__"`
 * key would set the prototype instead of staying data (identity-map-odd-values.json has one).
 *
 * - `request-*.json`: real bodies captured from @adobe/alloy by scripts/capture-fixtures.mjs
 *   (two `request-v2-*` files are derived from them; their `source` says so).
 * - `identity-map-*.json`: request bodies with malformed identity maps, shaped after the doc.
 * - `response-*.json`: responses shaped after docs/edge-protocol.md; `body` (JSON) or `bodyText`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import type { HeaderLine } from './response-headers';

const DIR = new URL('./fixtures/', import.meta.url);

export interface RequestFixture {
  name: string;
  source: string;
  step?: string;
  description?: string;
  url: string;
  contentType: string;
  body: unknown;
  /** The body as it went over the wire (alloy's compact JSON.stringify output). */
  text: string;
}

export interface ResponseFixture {
  name: string;
  source: string;
  description: string;
  status: number;
  headers: HeaderLine[];
  body?: unknown;
  /** The body text: `bodyText` as stored, or the compact JSON of `body`. */
  text: string;
}

function read(file: string): Record<string, unknown> {
  return JSON.parse(readFileSync(new URL(file, DIR), 'utf8')) as Record<string, unknown>;
}

/** Fixture names (file name without prefix and `.json`) for a prefix, sorted. */
export function fixtureNames(prefix: string): string[] {
  return readdirSync(DIR)
    .filter((f) => f.startsWith(prefix) && f.endsWith('.json'))
    .map((f) => f.slice(prefix.length, -'.json'.length))
    .sort();
}

export function requestFixture(name: string, prefix = 'request-'): RequestFixture {
  const raw = read(`${prefix}${name}.json`);
  return {
    name,
    source: String(raw.source),
    step: raw.step as string | undefined,
    description: raw.description as string | undefined,
    url: String(raw.url),
    contentType: String(raw.contentType),
    body: raw.body,
    text: JSON.stringify(raw.body),
  };
}

export function responseFixture(name: string): ResponseFixture {
  const raw = read(`response-${name}.json`);
  const text = typeof raw.bodyText === 'string' ? raw.bodyText : JSON.stringify(raw.body);
  return {
    name,
    source: String(raw.source),
    description: String(raw.description),
    status: Number(raw.status),
    headers: raw.headers as HeaderLine[],
    body: raw.body,
    text,
  };
}

/** Every fixture body (request and response) as parsed values, for property tests. */
export function allFixtureBodies(): unknown[] {
  const requests = [
    ...fixtureNames('request-').map((n) => requestFixture(n).body),
    ...fixtureNames('identity-map-').map((n) => requestFixture(n, 'identity-map-').body),
  ];
  const responses = fixtureNames('response-')
    .map((n) => responseFixture(n).body)
    .filter((b) => b !== undefined);
  return [...requests, ...responses];
}
