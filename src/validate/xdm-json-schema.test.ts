/**
 * The XDM checker over plain JSON Schemas: within what xdm-compile.ts reads (objects open unless
 * `additionalProperties` is false), and with `$ref`/`anyOf`, through @cfworker/json-schema. Then
 * the schemas loadXdmSchema refuses, each with the problem it names.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Finding } from './types';
import { checkXdm, loadXdmSchema, type XdmSchema } from './xdm-schema';

function load(schema: unknown): XdmSchema {
  const loaded = loadXdmSchema(schema);
  if (!loaded.ok) throw new Error(loaded.problems.join('\n'));
  return loaded.schema;
}

const brief = (findings: Finding[]) => findings.map((f) => `${f.status} ${f.path}`);

const PLAIN = load({
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  type: 'object',
  required: ['_id', 'eventType'],
  properties: {
    eventType: { type: 'string', enum: ['web.webpagedetails.pageViews'] },
    web: {
      type: 'object',
      additionalProperties: false,
      properties: {
        webPageDetails: {
          type: 'object',
          properties: { name: { type: 'string', minLength: 1, maxLength: 8 } },
        },
      },
    },
  },
});

const WITH_REFS = load({
  $schema: 'http://json-schema.org/draft-07/schema#',
  definitions: { measure: { type: 'object', properties: { value: { type: 'number' } } } },
  type: 'object',
  properties: {
    web: {
      properties: {
        webPageDetails: { properties: { pageViews: { $ref: '#/definitions/measure' } } },
      },
    },
    channel: { anyOf: [{ type: 'string' }, { type: 'null' }] },
  },
  required: ['timestamp', 'eventType'],
});

const PAGE_VIEW = 'web.webpagedetails.pageViews';
const pageViews = (value: unknown) => ({ web: { webPageDetails: { pageViews: { value } } } });

describe('checkXdm over a plain JSON Schema', () => {
  it.each([
    {
      name: 'open objects take other fields',
      xdm: { _id: 'a', eventType: PAGE_VIEW, more: 1 },
      findings: [],
    },
    {
      name: 'additionalProperties: false closes an object',
      xdm: { _id: 'a', eventType: PAGE_VIEW, web: { x: 1 } },
      findings: ['fail xdm.web.x'],
    },
    {
      name: 'maxLength, and a missing required field',
      xdm: { _id: 'a', web: { webPageDetails: { name: 'too long here' } } },
      findings: ['fail xdm.web.webPageDetails.name', 'fail xdm.eventType'],
    },
    { name: 'a missing _id is info', xdm: { eventType: PAGE_VIEW }, findings: ['info xdm._id'] },
    {
      name: 'an enum violation',
      xdm: { _id: 'a', eventType: 'web.webpagedetails.pageView' },
      findings: ['fail xdm.eventType'],
    },
    {
      name: 'null is a value of its own',
      xdm: { _id: 'a', eventType: null },
      findings: ['fail xdm.eventType'],
    },
  ])('compiled: $name', ({ xdm, findings }) => {
    expect(PLAIN.kind).toBe('json-schema');
    expect(PLAIN.full).toBeUndefined();
    expect(brief(checkXdm(PLAIN, xdm))).toEqual(findings);
  });

  it.each([
    { name: 'passes', xdm: { eventType: 'x', timestamp: 't', ...pageViews(1) }, findings: [] },
    {
      name: 'a type error through $ref',
      xdm: { eventType: 'x', timestamp: 't', ...pageViews('1') },
      findings: ['fail xdm.web.webPageDetails.pageViews.value'],
    },
    {
      name: 'anyOf gives one finding; a missing timestamp is info',
      xdm: { eventType: 'x', channel: 3 },
      findings: ['fail xdm.channel', 'info xdm.timestamp'],
    },
  ])('through @cfworker/json-schema: $name', ({ xdm, findings }) => {
    expect(WITH_REFS.full).toBeDefined();
    expect(brief(checkXdm(WITH_REFS, xdm)).sort()).toEqual([...findings].sort());
  });

  it('names what the schema expected, followed through $ref', () => {
    const found = checkXdm(WITH_REFS, { eventType: 'x', timestamp: 't', ...pageViews('1') });
    expect(found).toMatchObject([{ status: 'fail', expected: 'type "number"', actual: '"1"' }]);
  });

  it('never throws on arbitrary JSON values', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 6 }), (value) => {
        for (const schema of [PLAIN, WITH_REFS]) {
          for (const finding of checkXdm(schema, value)) {
            expect(finding.path?.startsWith('xdm')).toBe(true);
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('loadXdmSchema refuses what is not a usable schema', () => {
  const unresolvedXed = {
    type: 'object',
    'meta:xdmType': 'object',
    allOf: [{ $ref: 'https://ns.adobe.com/xdm/context/identitymap' }],
  };
  it.each([
    { name: 'a string', schema: 'xdm', problem: 'not a JSON object' },
    { name: 'null', schema: null, problem: 'not a JSON object' },
    { name: 'an array', schema: [], problem: 'not a JSON object' },
    { name: 'properties not an object', schema: { properties: [] }, problem: '#/properties' },
    {
      name: 'type not a string',
      schema: { properties: { a: { type: 5 } } },
      problem: '#/properties/a/type',
    },
    {
      name: 'an unknown type name',
      schema: { type: 'strin' },
      problem: '"strin" is not a JSON Schema type',
    },
    {
      name: 'a bad pattern',
      schema: { properties: { a: { pattern: '(' } } },
      problem: '#/properties/a/pattern',
    },
    { name: 'required not a list', schema: { required: '_id' }, problem: '#/required' },
    { name: 'anyOf not a list', schema: { anyOf: {} }, problem: '#/anyOf' },
    {
      name: 'an unresolved $ref',
      schema: { properties: { a: { $ref: '#/$defs/none' } } },
      problem: 'does not resolve',
    },
    { name: 'an xed schema that is not resolved', schema: unresolvedXed, problem: 'xed-full' },
  ])('$name', ({ schema, problem }) => {
    const loaded = loadXdmSchema(schema);
    expect(loaded.ok).toBe(false);
    if (!loaded.ok) expect(loaded.problems.join('\n')).toContain(problem);
  });
});
