import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeRenderEvent, renderRecordOf, type RenderRecord } from './render-event';

const AT = 1_700_000_000_000;
const SCOPE_DETAILS = { decisionProvider: 'TGT', activity: { id: '100001' } };
const HTML = '<strong class="sim-offer">Simulated offer: 10% off today</strong>';
/** A proposition as alloy's `proposition.toJSON()` gives it, items and their HTML included. */
const PROPOSITION = {
  id: 'AT:eyJhY3Rpdml0eUlkIjoiMTAwMDAxIn0=',
  scope: '__view__',
  scopeDetails: SCOPE_DETAILS,
  items: [
    {
      id: '100001-item',
      schema: 'https://ns.adobe.com/personalization/dom-action',
      data: { type: 'setHtml', content: HTML, selector: '#target-container' },
    },
  ],
};
const DETAILS = { id: PROPOSITION.id, scope: '__view__', scopeDetails: SCOPE_DETAILS };

describe('decodeRenderEvent: each status of docs/edge-protocol.md §8', () => {
  it.each<[string, unknown, RenderRecord | undefined]>([
    [
      'rendering-started: the propositions about to render, without their items',
      {
        instanceName: 'alloy',
        status: 'rendering-started',
        payload: { scope: '__view__', propositions: [PROPOSITION] },
      },
      {
        at: AT,
        status: 'rendering-started',
        instance: 'alloy',
        propositions: [{ id: PROPOSITION.id, scope: '__view__' }],
      },
    ],
    [
      'rendering-succeeded: grouped by scope',
      {
        instanceName: 'alloy',
        status: 'rendering-succeeded',
        payload: { __view__: [DETAILS], 'product-recs': [{ id: 'p-2', scope: 'product-recs' }] },
      },
      {
        at: AT,
        status: 'rendering-succeeded',
        instance: 'alloy',
        propositions: [
          { id: PROPOSITION.id, scope: '__view__' },
          { id: 'p-2', scope: 'product-recs' },
        ],
      },
    ],
    [
      'rendering-failed: one proposition and the error message',
      {
        instanceName: 'alloy',
        status: 'rendering-failed',
        payload: { propositionDetails: DETAILS, item: PROPOSITION.items[0] },
        error: new Error('Selector #target-container not found'),
      },
      {
        at: AT,
        status: 'rendering-failed',
        instance: 'alloy',
        error: 'Selector #target-container not found',
        propositions: [{ id: PROPOSITION.id, scope: '__view__' }],
      },
    ],
    [
      'rendering-failed with an error that is plain text',
      { status: 'rendering-failed', payload: { propositionDetails: DETAILS }, error: 'nope' },
      {
        at: AT,
        status: 'rendering-failed',
        error: 'nope',
        propositions: [{ id: PROPOSITION.id, scope: '__view__' }],
      },
    ],
    [
      'rendering-redirect',
      {
        status: 'rendering-redirect',
        payload: { propositionDetails: DETAILS, redirect: 'https://shop.example/b' },
      },
      {
        at: AT,
        status: 'rendering-redirect',
        propositions: [{ id: PROPOSITION.id, scope: '__view__' }],
      },
    ],
    [
      'no-offers: no propositions',
      { status: 'no-offers', payload: { query: { personalization: { decisionScopes: [] } } } },
      { at: AT, status: 'no-offers', propositions: [] },
    ],
    [
      'a proposition without an id is left out',
      { status: 'rendering-succeeded', payload: { __view__: [{ scope: '__view__' }, DETAILS] } },
      {
        at: AT,
        status: 'rendering-succeeded',
        propositions: [{ id: PROPOSITION.id, scope: '__view__' }],
      },
    ],
    ['no status: not a render event', { payload: { __view__: [DETAILS] } }, undefined],
  ])('%s', (_name, data, expected) => {
    expect(decodeRenderEvent(data, AT)).toEqual(expected);
  });

  it('keeps no item and none of its HTML, whatever the status', () => {
    for (const status of ['rendering-started', 'rendering-succeeded', 'rendering-failed']) {
      const record = decodeRenderEvent(
        {
          status,
          payload: {
            scope: '__view__',
            propositions: [PROPOSITION],
            propositionDetails: { ...DETAILS, items: PROPOSITION.items },
            item: PROPOSITION.items[0],
            __view__: [PROPOSITION],
          },
        },
        AT,
      );
      const json = JSON.stringify(record);
      expect(json).toContain(PROPOSITION.id);
      expect(json).not.toContain('sim-offer');
      expect(json).not.toContain('items');
    }
  });

  it('cuts long texts and keeps at most 50 propositions', () => {
    const many = Array.from({ length: 80 }, (_, i) => ({ id: `p-${i}`, scope: 's' }));
    const record = decodeRenderEvent(
      {
        status: `rendering-succeeded${'x'.repeat(100)}`,
        instanceName: 'i'.repeat(500),
        payload: { s: many },
        error: 'e'.repeat(1000),
      },
      AT,
    );
    expect(record?.status).toHaveLength(60);
    expect(record?.instance).toHaveLength(100);
    expect(record?.error).toHaveLength(300);
    expect(record?.propositions).toHaveLength(0);
    const succeeded = decodeRenderEvent(
      { status: 'rendering-succeeded', payload: { s: many } },
      AT,
    );
    expect(succeeded?.propositions).toHaveLength(50);
  });
});

describe('decodeRenderEvent and renderRecordOf never throw', () => {
  it('on random values, and what they give is JSON that the guard keeps as it is', () => {
    const status = fc.constantFrom(
      'rendering-started',
      'rendering-succeeded',
      'rendering-failed',
      'rendering-redirect',
      'no-offers',
    );
    const data = fc.oneof(
      fc.anything(),
      fc.record({ status, payload: fc.anything(), error: fc.anything() }),
      fc.record({
        status,
        payload: fc.dictionary(fc.string(), fc.array(fc.anything())),
      }),
    );
    fc.assert(
      fc.property(data, (value) => {
        const record = decodeRenderEvent(value, AT);
        expect(() => renderRecordOf(value)).not.toThrow();
        if (record === undefined) return;
        const json = JSON.parse(JSON.stringify(record)) as unknown;
        expect(renderRecordOf(json)).toEqual(record);
      }),
      { numRuns: 500 },
    );
  });
});

describe('renderRecordOf: a stored or imported record through the guard', () => {
  it.each<[string, unknown, RenderRecord | undefined]>([
    [
      'a good record',
      { at: AT, status: 'rendering-succeeded', propositions: [{ id: 'a', scope: 's' }] },
      { at: AT, status: 'rendering-succeeded', propositions: [{ id: 'a', scope: 's' }] },
    ],
    [
      'extra fields and bad propositions dropped',
      {
        at: AT,
        status: 'rendering-failed',
        propositions: [{ id: 'a', html: '<b>' }, { scope: 's' }, 'x'],
        error: 'e',
        html: '<b>',
      },
      { at: AT, status: 'rendering-failed', propositions: [{ id: 'a' }], error: 'e' },
    ],
    ['no time', { status: 'rendering-succeeded', propositions: [] }, undefined],
    ['a time that is not finite', { at: Infinity, status: 'x', propositions: [] }, undefined],
    ['no status', { at: AT, propositions: [] }, undefined],
    ['not a record', 'rendering-succeeded', undefined],
  ])('%s', (_name, value, expected) => {
    expect(renderRecordOf(value)).toEqual(expected);
  });
});
