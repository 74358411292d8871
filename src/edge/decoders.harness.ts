/**
 * What the decoder properties (decoders.property.test.ts) run over: every decoder, called with a
 * value or a text, and the inputs that break naive decoders (hostile keys, deep nesting, huge
 * strings, the captured fixtures mutated).
 */
import fc from 'fast-check';
import { expect } from 'vitest';
import { adobe2Choices, decodeConsentEntry } from './consent';
import {
  decodeCookieEntry,
  describeCookieName,
  describeMaxAge,
  parseConsentCookie,
} from './cookies';
import { decodeCall, DECODER_FAILED } from './decode-call';
import { decodeRequestBody, decodeRequestText } from './decode-request';
import { decodeResponse, decodeResponseBody } from './decode-response';
import { matchEdgeUrl } from './endpoint';
import { decodeProblem, parseExegCode } from './errors';
import { decodeDestination } from './handle-views';
import { decodeHandle } from './handles';
import { decodeIdentityCookie } from './identity-cookie';
import { decodeIdentityMap } from './identity-map';
import { parseJson } from './json';
import { decodeLocationHint, locationHintUsage } from './location-hint';
import { decodeOfferScope, decodeProposition } from './personalization';
import { decodeItem } from './proposition-items';
import { decodeEvent, decodePersonalizationQuery } from './request-event';
import { compareRequestIds } from './request-id';
import { decodeRequestMeta } from './request-meta';
import { parseEdgeHeader, readResponseHeaders } from './response-headers';
import { parseRetryAfter } from './retry-after';
import { allFixtureBodies } from './test-fixtures';

const INTERACT = matchEdgeUrl(
  'https://edge.adobedc.net/ee/or2/v1/interact?configId=ds&requestId=r-1',
);
const V2 = matchEdgeUrl('https://server.adobedc.net/ee/v2/collect?datastreamId=ds');

/** Every decoder that takes a value, called with `value`; returns the outputs. */
export function decodeValue(value: unknown): unknown[] {
  const notes: string[] = [];
  return [
    decodeRequestBody(value),
    decodeRequestBody(value, INTERACT),
    decodeRequestBody(value, V2),
    decodeEvent(value, 0),
    decodePersonalizationQuery(value),
    decodeRequestMeta(value),
    decodeConsentEntry(value, 0),
    adobe2Choices(value, notes),
    decodeIdentityMap(value),
    decodeResponseBody(value, { status: 207, sentRequestId: 'r-1', endpoint: INTERACT }),
    decodeHandle(value, 0),
    decodeProposition(value, 0),
    decodeItem(value, 0),
    decodeProblem(value, 400),
    parseExegCode(value),
    decodeCookieEntry(value),
    describeMaxAge(value),
    decodeLocationHint(value),
    decodeDestination(value),
    readResponseHeaders(Array.isArray(value) ? value : [value]),
    ...wrapped(value).map((body) => decodeResponseBody(body)),
    ...wrapped(value).map((body) => decodeRequestBody(body)),
  ];
}

/** The value placed where each decoder looks deepest: inside a handle, an event, a proposition. */
function wrapped(value: unknown): unknown[] {
  return [
    { handle: [{ type: 'state:store', payload: [value] }] },
    {
      handle: [{ type: 'personalization:decisions', eventIndex: 0, payload: [{ items: [value] }] }],
    },
    {
      handle: [
        {
          type: 'personalization:decisions',
          payload: [
            {
              scopeDetails: value,
              items: [{ schema: 'https://ns.adobe.com/personalization/ruleset-item', data: value }],
            },
          ],
        },
      ],
    },
    {
      events: [
        {
          xdm: { identityMap: value, _experience: { decisioning: value } },
          query: { personalization: value },
        },
      ],
    },
    {
      consent: [{ standard: 'Adobe', version: '2.0', value }],
      meta: { state: { entries: [value] } },
    },
    { errors: [value], warnings: [{ report: value }] },
  ];
}

/** Every decoder that takes text, called with `text`. */
export function decodeText(text: string): unknown[] {
  const call = decodeCall({
    url: 'https://edge.adobedc.net/ee/v1/interact?configId=d&requestId=r',
    requestText: text,
    responseText: text,
    status: 200,
  });
  expect(call.notes.filter((n) => n.startsWith(DECODER_FAILED))).toEqual([]);
  return [
    parseJson(text),
    decodeRequestText(text, INTERACT),
    decodeResponse({
      text,
      status: 502,
      headers: [
        { name: 'Retry-After', value: text },
        { name: 'x-adobe-edge', value: text },
      ],
    }),
    call,
    decodeCall({ url: text, requestText: text }),
    describeCookieName(text),
    decodeIdentityCookie(text),
    parseConsentCookie(text),
    parseRetryAfter(text, 0),
    parseEdgeHeader(text),
    decodeOfferScope(text),
    compareRequestIds(text, `${text}-0123456789abcdef`),
    locationHintUsage([decodeLocationHint({ scope: 'EdgeNetwork', hint: text })], text),
  ];
}

// ---- arbitraries -------------------------------------------------------------------------

const DANGEROUS_KEYS = [
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  'valueOf',
];

/** JSON objects whose keys include __proto__ and friends, made the way a body arrives: JSON.parse. */
const dangerousObject = fc
  .array(
    fc.tuple(
      fc.constantFrom(...DANGEROUS_KEYS, 'type', 'payload', 'events', 'id'),
      fc.jsonValue({ maxDepth: 2 }),
    ),
    { maxLength: 6 },
  )
  .map(
    (entries) =>
      JSON.parse(
        `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v)}`).join(',')}}`,
      ) as unknown,
  );

function nested(depth: number, leaf: unknown, asArray: boolean): unknown {
  let value = leaf;
  for (let i = 0; i < depth; i++) value = asArray ? [value] : { a: value };
  return value;
}

export const HUGE = 'x'.repeat(1_000_000);

/** Values that break naive decoders. */
export const nasty = fc.oneof(
  fc.constantFrom<unknown>(
    null,
    undefined,
    0,
    -1,
    1.5,
    NaN,
    Infinity,
    '',
    HUGE,
    true,
    [],
    {},
    [[]],
    { payload: [] },
  ),
  fc.constant(null).map(() => nested(1000, 'deep', false)),
  fc.constant(null).map(() => nested(1000, 'deep', true)),
  dangerousObject,
);

/** Paths (arrays of keys) to every node of a JSON value, capped. */
function pathsOf(root: unknown, cap = 400): (string | number)[][] {
  const out: (string | number)[][] = [[]];
  const queue: [unknown, (string | number)[]][] = [[root, []]];
  while (queue.length && out.length < cap) {
    const [node, at] = queue.shift() as [unknown, (string | number)[]];
    const children: [string | number, unknown][] = Array.isArray(node)
      ? node.map((v, i) => [i, v])
      : typeof node === 'object' && node !== null
        ? Object.keys(node).map((k) => [k, (node as Record<string, unknown>)[k]])
        : [];
    for (const [key, child] of children) {
      out.push([...at, key]);
      queue.push([child, [...at, key]]);
    }
  }
  return out;
}

type Mutation = 'delete' | 'replace' | 'wrap-array' | 'stringify' | 'proto-key';

/** A copy of `body` with one node changed; keys are defined, never assigned (no setters run). */
function mutate(body: unknown, pick: number, how: Mutation, replacement: unknown): unknown {
  const copy: unknown = JSON.parse(JSON.stringify(body));
  const paths = pathsOf(copy).filter((p) => p.length > 0);
  const path = paths[pick % Math.max(paths.length, 1)];
  if (!path) return replacement;
  let parent = copy as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
  const key = path[path.length - 1] as string | number;
  const old = parent[key];
  const set = (value: unknown) =>
    Object.defineProperty(parent, key, {
      value,
      enumerable: true,
      configurable: true,
      writable: true,
    });
  if (how === 'delete') {
    if (Array.isArray(parent)) parent.splice(Number(key), 1);
    else delete parent[key];
  } else if (how === 'replace') set(replacement);
  else if (how === 'wrap-array') set([old]);
  else if (how === 'stringify') set(JSON.stringify(old) ?? 'undefined');
  else
    Object.defineProperty(parent, '__proto__', {
      value: replacement,
      enumerable: true,
      configurable: true,
      writable: true,
    });
  return copy;
}

const FIXTURES = allFixtureBodies();
export const mutatedFixture = fc
  .tuple(
    fc.nat(FIXTURES.length - 1),
    fc.nat(),
    fc.constantFrom<Mutation>('delete', 'replace', 'wrap-array', 'stringify', 'proto-key'),
    fc.oneof(fc.jsonValue({ maxDepth: 3 }), nasty),
  )
  .map(([i, pick, how, replacement]) => mutate(FIXTURES[i], pick, how, replacement));
