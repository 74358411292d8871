/**
 * "Never throws" for every decoder, over random JSON values, random JavaScript values and the
 * fixtures mutated (subtrees deleted or replaced, wrong types, 1000-level nesting, `__proto__`
 * and `constructor` keys, huge strings). Each run also checks that Object.prototype and
 * Array.prototype were not touched and that JSON input gives JSON-serialisable output.
 */
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { decodeCall, DECODER_FAILED } from './decode-call';
import { decodeText, decodeValue, HUGE, mutatedFixture, nasty } from './decoders.harness';

const prototypeKeys = () => [
  Object.getOwnPropertyNames(Object.prototype),
  Object.getOwnPropertyNames(Array.prototype),
];
const CLEAN = prototypeKeys();

afterEach(() => {
  expect(prototypeKeys()).toEqual(CLEAN);
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  expect(Object.getPrototypeOf({})).toBe(Object.prototype);
});

/** JSON input must give plain, serialisable output (the UI and exports store it). */
function assertPlain(outputs: unknown[]): void {
  for (const output of outputs) expect(() => JSON.stringify(output)).not.toThrow();
}

// ---- properties --------------------------------------------------------------------------

describe('decoders never throw', () => {
  it('on random JSON values', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 6 }), (value) => {
        assertPlain(decodeValue(value));
      }),
      { numRuns: 300 },
    );
  });

  it('on random JavaScript values (boxed, null-prototype, Map, Set, BigInt, sparse arrays…)', () => {
    const anything = fc.anything({
      maxDepth: 4,
      withBigInt: true,
      withBoxedValues: true,
      withDate: true,
      withMap: true,
      withNullPrototype: true,
      withObjectString: true,
      withSet: true,
      withSparseArray: true,
      withTypedArray: true,
    });
    fc.assert(
      fc.property(anything, (value) => {
        decodeValue(value);
      }),
      { numRuns: 300 },
    );
  });

  it('on nasty values: 1000-level nesting, __proto__ keys, a 1 MB string', () => {
    fc.assert(
      fc.property(nasty, (value) => {
        assertPlain(decodeValue(value));
      }),
      { numRuns: 60 },
    );
  });

  it('on mutated fixtures', () => {
    fc.assert(
      fc.property(mutatedFixture, (value) => {
        assertPlain(decodeValue(value));
      }),
      { numRuns: 400 },
    );
  });

  it('on text: random strings, JSON text, mutated fixture text, deep brackets', () => {
    const texts = fc.oneof(
      fc.string(),
      fc.string({ unit: 'binary' }),
      fc.json(),
      mutatedFixture.map((v) => JSON.stringify(v) ?? ''),
      mutatedFixture.map((v) => (JSON.stringify(v) ?? '').slice(0, 200)),
      fc.constantFrom(
        '['.repeat(1000),
        `${'{"a":'.repeat(1000)}1${'}'.repeat(1000)}`,
        HUGE,
        '%E0%A4%A',
        'javascript:alert(1)',
      ),
    );
    fc.assert(
      fc.property(texts, (text) => {
        decodeText(text);
      }),
      { numRuns: 300 },
    );
  });

  it('decodeCall on any input shape', () => {
    const input = fc.record(
      {
        url: fc.oneof(
          fc.string(),
          fc.constant('https://edge.adobedc.net/ee/v1/interact?configId=d'),
        ),
        requestText: fc.oneof(
          fc.string(),
          mutatedFixture.map((v) => JSON.stringify(v) ?? ''),
        ),
        responseText: fc.oneof(
          fc.string(),
          mutatedFixture.map((v) => JSON.stringify(v) ?? ''),
        ),
        status: fc.oneof(fc.integer({ min: -1, max: 999 }), fc.double()),
        responseHeaders: fc.array(
          fc.record({
            name: fc.constantFrom('Retry-After', 'x-adobe-edge', 'Date', 'content-type'),
            value: fc.string(),
          }),
        ),
      },
      { requiredKeys: ['url'] },
    );
    fc.assert(
      fc.property(input, (value) => {
        const call = decodeCall(value);
        expect(call.notes.filter((n) => n.startsWith(DECODER_FAILED))).toEqual([]);
        assertPlain([call]);
      }),
      { numRuns: 300 },
    );
  });
});

describe('size', () => {
  // Its speed is measured by `npm run bench`, not here: tests never time anything.
  it('decodes a 5 MB body', () => {
    const big = JSON.stringify({
      events: [{ xdm: { eventType: 'x' }, data: { blob: 'y'.repeat(5_000_000) } }],
    });
    const call = decodeCall({
      url: 'https://edge.adobedc.net/ee/v1/interact?configId=d',
      requestText: big,
      responseText: big,
      status: 200,
    });
    expect(call.notes.filter((n) => n.startsWith(DECODER_FAILED))).toEqual([]);
    expect(call.events[0]?.eventType).toBe('x');
  });
});
