import { describe, expect, it } from 'vitest';
import { decodeOfferScope, decodeProposition, type PropositionView } from './personalization';
import { decodeItem } from './proposition-items';
import { field, list } from './read';
import { responseFixture } from './test-fixtures';

function propositionsOf(name: string): PropositionView[] {
  const handle = list(field(responseFixture(name).body, 'handle'))?.[0];
  return (list(field(handle, 'payload')) ?? []).map(decodeProposition);
}

/** [scope kind, scope text, provider, activity id, activity name, experience id, experience name]. */
function head(p: PropositionView) {
  return [
    p.scopeKind,
    p.scopeText,
    p.decisionProvider,
    p.activity?.id,
    p.activity?.name,
    p.experience?.id,
    p.experience?.name,
  ];
}
/** [kind, short schema, summary, notes] per item. */
function items(p: PropositionView) {
  return p.items.map((i) => [i.kind, i.schemaShort, i.summary, i.notes]);
}

describe('Target propositions (personalization-target)', () => {
  const propositions = propositionsOf('personalization-target');
  it.each([
    [
      0,
      [
        'page',
        'the whole page (__view__)',
        'Adobe Target',
        '100001',
        'Hero test',
        '0',
        'Experience A',
      ],
      [
        [
          'dom-action',
          'dom-action',
          'setHtml on #target-container',
          ['The content contains a <script> element.'],
        ],
        ['dom-action', 'dom-action', 'setStyle on HTML > BODY > H1:nth-of-type(1)', []],
        ['measurement', 'measurement', 'measure click (metric)', []],
      ],
    ],
    [
      1,
      ['mbox', 'mbox "product-recs"', 'Adobe Target', '100002', 'Recs test', '1', 'Experience B'],
      [
        [
          'json',
          'json-content-item',
          'JSON content (headline, skus)',
          ['content is a JSON string rather than an object.'],
        ],
      ],
    ],
    [
      2,
      ['mbox', 'mbox "banner"', 'Adobe Target', '100003', 'Banner test', '0', 'Experience A'],
      [['html', 'html-content-item', 'HTML content (32 characters)', []]],
    ],
    [
      3,
      [
        'view',
        'view "checkout"',
        'Adobe Target',
        '100004',
        'Checkout redirect',
        '0',
        'Experience A',
      ],
      [['redirect', 'redirect-item', 'redirect to https://www.example.com/checkout-b.html', []]],
    ],
    [
      4,
      ['mbox', 'mbox "control-scope"', 'Adobe Target', '100005', 'Control test', '0', 'Control'],
      [
        [
          'default-content',
          'default-content-item',
          'default content: show the page as it is (control)',
          [],
        ],
      ],
    ],
  ])('proposition %i', (index, expectedHead, expectedItems) => {
    const proposition = propositions[index];
    expect(proposition && head(proposition)).toEqual(expectedHead);
    expect(proposition && items(proposition)).toEqual(expectedItems);
    expect(proposition?.notes).toEqual([]);
  });

  it('keeps the dom-action details and the full schema URI', () => {
    const [setHtml, setStyle] = propositions[0]?.items ?? [];
    expect(setHtml).toMatchObject({
      schema: 'https://ns.adobe.com/personalization/dom-action',
      actionType: 'setHtml',
      selector: '#target-container',
      prehidingSelector: '#target-container',
      format: 'application/vnd.adobe.target.dom-action',
    });
    expect(setStyle?.content).toEqual({ 'background-color': '#f5a623', priority: 'important' });
    expect(propositions[0]?.analyticsToken).toBe('100001:0:0|2');
    expect(propositions[3]?.items[0]?.url).toBe('https://www.example.com/checkout-b.html');
  });
});

describe('Journey Optimizer propositions (personalization-ajo)', () => {
  const [proposition] = propositionsOf('personalization-ajo');
  it('reads the surface scope, the provider and the activity priority', () => {
    expect(proposition && head(proposition)).toEqual([
      'surface',
      'surface web://www.example.com/#hero',
      'Journey Optimizer',
      'a1b2c3d4-campaign#7e8f',
      undefined,
      undefined,
      undefined,
    ]);
    expect(proposition?.activity?.priority).toBe(10);
  });

  it('reads each item by schema, rules and their consequences included', () => {
    expect(proposition && items(proposition)).toEqual([
      [
        'ruleset',
        'ruleset-item',
        'ruleset: 2 rules; consequences: message/in-app, message/content-card, eventHistoryOperation',
        [],
      ],
      ['content-card', 'message/content-card', 'content card (Journey Optimizer)', []],
      ['in-app-message', 'message/in-app', 'in-app message (Journey Optimizer)', []],
      ['native-alert', 'message/native-alert', 'native alert (Journey Optimizer)', []],
    ]);
    expect(
      proposition?.items[0]?.rules?.map((r) => r.consequences.map((c) => [c.id, c.kind])),
    ).toEqual([
      [['c1', 'in-app-message']],
      [
        ['c2', 'content-card'],
        ['c3', 'event-history'],
      ],
    ]);
  });
});

describe('Offer Decisioning propositions (personalization-offer-decisioning)', () => {
  const propositions = propositionsOf('personalization-offer-decisioning');
  const ACTIVITY = 'xcore:offer-activity:15e64a9b0f5b5f35';
  it('reads the top-level activity and placement and decodes the base64 scope', () => {
    expect(
      propositions.map((p) => [
        p.scopeKind,
        p.decisionProvider,
        p.activity,
        p.placement,
        p.offerScope,
      ]),
    ).toEqual([
      [
        'offer-decisioning',
        'Offer Decisioning',
        { id: ACTIVITY, etag: '8' },
        { id: 'xcore:offer-placement:15e646bd8b8d4c02', etag: '1' },
        { activityId: ACTIVITY, placementId: 'xcore:offer-placement:15e646bd8b8d4c02' },
      ],
      [
        'offer-decisioning',
        'Offer Decisioning',
        { id: ACTIVITY, etag: '8' },
        { id: 'xcore:offer-placement:15e646bd8b8d4c03', etag: '1' },
        { activityId: ACTIVITY, placementId: 'xcore:offer-placement:15e646bd8b8d4c03' },
      ],
    ]);
    expect(propositions[0]?.scopeText).toBe(
      `Offer Decisioning placement xcore:offer-placement:15e646bd8b8d4c02 of activity ${ACTIVITY}`,
    );
  });

  it('reads offer items, shortening the schema but keeping the URI', () => {
    expect(propositions.flatMap(items)).toEqual([
      ['offer', 'offer-management/content-component-json', 'offer json (application/json)', []],
      ['offer', 'offer-management/content-component-imagelink', 'offer imagelink (image/png)', []],
      ['offer', 'offer-management/content-component-html', 'offer html (text/html)', []],
      ['offer', 'offer-management/content-component-text', 'offer text (text/plain)', []],
    ]);
    expect(propositions[0]?.items[1]).toMatchObject({
      schema: 'https://ns.adobe.com/experience/offer-management/content-component-imagelink',
      language: ['en-us', 'fr-fr'],
      deliveryUrl: 'https://assets.example.com/offers/shoes.png',
    });
  });
});

describe('decodeOfferScope', () => {
  const encode = (value: unknown) => btoa(JSON.stringify(value));
  it.each([
    [
      encode({ 'xdm:activityId': 'a', 'xdm:placementId': 'p' }),
      { activityId: 'a', placementId: 'p' },
    ],
    [
      encode({ 'xdm:activityId': 'a' }).replace(/=+$/, ''),
      { activityId: 'a', placementId: undefined },
    ],
    [encode({ other: 1 }), undefined],
    ['product-recs', undefined],
    ['__view__', undefined],
    ['bm90IGpzb24gYXQgYWxs', undefined],
  ])('%s', (scope, expected) => {
    expect(decodeOfferScope(scope)).toEqual(expected);
  });
});

describe('malformed propositions and items', () => {
  it.each([
    ['not an object', 5, ['The proposition is a number, not an object.']],
    [
      'no items',
      { scope: 'x', scopeDetails: { decisionProvider: 'TGT' } },
      ['The proposition has no items.'],
    ],
    [
      'items not an array',
      { scope: 'x', scopeDetails: { decisionProvider: 'TGT' }, items: {} },
      ['items is an object, not an array.'],
    ],
    [
      'neither scopeDetails nor activity',
      { scope: 'x', items: [] },
      [
        'The proposition has neither scopeDetails nor Offer Decisioning activity/placement.',
        'The proposition has no items.',
      ],
    ],
    [
      'no decisionProvider',
      { scope: 'x', scopeDetails: {}, items: [] },
      ['scopeDetails has no decisionProvider.', 'The proposition has no items.'],
    ],
  ])('%s', (_name, value, notes) => {
    expect(decodeProposition(value, 0).notes).toEqual(notes);
  });

  const DOM = 'https://ns.adobe.com/personalization/dom-action';
  it.each([
    [
      'no schema',
      { id: 'i' },
      'unknown',
      'item with schema (no schema)',
      ['The item has no schema.'],
    ],
    [
      'an unknown schema',
      { schema: 'https://example.com/x' },
      'unknown',
      'item with schema https://example.com/x',
      [],
    ],
    [
      'an unknown dom action',
      { schema: DOM, data: { type: 'explode', selector: '#a' } },
      'dom-action',
      'explode on #a',
      ['"explode" is not an action type alloy knows.'],
    ],
    [
      'a dom action without type or selector',
      { schema: DOM, data: {} },
      'dom-action',
      '(no type) (no selector)',
      ['The dom-action has no type.'],
    ],
    [
      'a javascript: redirect',
      {
        schema: 'https://ns.adobe.com/personalization/redirect-item',
        data: { content: 'javascript:alert(1)' },
      },
      'redirect',
      'redirect to javascript:alert(1)',
      ['The redirect target is a javascript: URL.'],
    ],
    [
      'JSON content that is a broken string',
      {
        schema: 'https://ns.adobe.com/personalization/json-content-item',
        data: { content: '{oops' },
      },
      'json',
      'JSON content',
      [
        'content is a string that is not JSON: Expected a property name in double quotes (line 1, column 2)',
      ],
    ],
    [
      'a ruleset without rules',
      { schema: 'https://ns.adobe.com/personalization/ruleset-item', data: {} },
      'ruleset',
      'ruleset (no rules)',
      ['The ruleset has no rules array.'],
    ],
    [
      'data as a string',
      { schema: DOM, data: 'x' },
      'dom-action',
      '(no type) (no selector)',
      ['data is a string, not an object.', 'The dom-action has no type.'],
    ],
    [
      'not an object',
      null,
      'unknown',
      'item with schema (no schema)',
      ['The item is null, not an object.'],
    ],
  ])('item with %s', (_name, item, kind, summary, notes) => {
    expect(decodeItem(item, 0)).toMatchObject({ kind, summary, notes });
  });
});
