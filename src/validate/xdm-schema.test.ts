/**
 * The XDM checker over the real fixture (adobe/xdm's ExperienceEvent and the Web SDK's field
 * groups, resolved by scripts/resolve-xdm.mjs): a page view as @adobe/alloy 2.33 sends it passes,
 * and each mistake, set into that page view by path, gives exactly the findings it should. Then
 * "never throws". Plain JSON Schemas and refused schemas: xdm-json-schema.test.ts.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isRecord } from '../edge/read';
import fixture from './fixtures/web-event.xed-full.json';
import type { Finding } from './types';
import { checkXdm, loadXdmSchema, type XdmSchema } from './xdm-schema';

function load(schema: unknown): XdmSchema {
  const loaded = loadXdmSchema(schema);
  if (!loaded.ok) throw new Error(loaded.problems.join('\n'));
  return loaded.schema;
}

const brief = (findings: Finding[]) => findings.map((f) => `${f.status} ${f.path}`);

const XED = load(fixture);

/** What alloy 2.33.1 sends for `sendEvent({ xdm: { eventType, web.webPageDetails } })`. */
function pageView(): Record<string, unknown> {
  return {
    _id: '5c3bc5a0-9e6f-4a79-9c4f-3d1b1c7e2a10',
    eventType: 'web.webpagedetails.pageViews',
    timestamp: '2026-11-26T03:54:44.749Z',
    web: {
      webPageDetails: { name: 'home', URL: 'https://shop.example.com/', pageViews: { value: 1 } },
      webReferrer: { URL: 'https://www.example.org/search?q=shoes' },
    },
    device: { screenHeight: 720, screenWidth: 1280, screenOrientation: 'landscape' },
    environment: { type: 'browser', browserDetails: { viewportWidth: 1280, viewportHeight: 720 } },
    placeContext: { localTime: '2026-11-26T04:54:44.739+01:00', localTimezoneOffset: -60 },
    implementationDetails: {
      name: 'https://ns.adobe.com/experience/alloy',
      version: '2.33.1',
      environment: 'browser',
    },
    identityMap: {
      ECID: [{ id: '49215361936217404461592497151412745337', authenticatedState: 'ambiguous' }],
    },
  };
}

/** Sets (or, for undefined, deletes) the value at a dotted path; numbers index arrays. */
function setPath(root: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.');
  let node: unknown = root;
  for (const key of keys.slice(0, -1)) {
    if (Array.isArray(node)) node = node[Number(key)];
    else if (isRecord(node)) {
      if (!isRecord(node[key]) && !Array.isArray(node[key])) node[key] = {};
      node = node[key];
    }
  }
  const last = keys.at(-1)!;
  if (!isRecord(node)) throw new Error(`no object at ${path}`);
  if (value === undefined) delete node[last];
  else node[last] = value;
}

interface Case {
  name: string;
  /** Dotted path → the value to put there (undefined: delete the field). */
  set: Record<string, unknown>;
  /** `status path` of every finding, in order. */
  findings: string[];
  /** What the first finding's expected and message contain, and its actual. */
  expected?: string;
  actual?: string;
  message?: string;
}

const CASES: Case[] = [
  { name: 'a Web SDK page view passes', set: {}, findings: [] },
  {
    name: 'a commerce event with product list items passes',
    set: {
      eventType: 'commerce.productListAdds',
      commerce: { productListAdds: { value: 1 }, cart: { cartID: 'c-1' } },
      productListItems: [{ SKU: 'shoe-42', quantity: 1, priceTotal: 89.9, currencyCode: 'EUR' }],
    },
    findings: [],
  },
  {
    name: 'identityMap takes any namespace key',
    set: { 'identityMap.My CRM ID': [{ id: 'crm-4711' }], 'identityMap.Email': [{ id: 'a@b.c' }] },
    findings: [],
  },
  {
    name: 'an optional field set to null is no value (the data lake holds nulls)',
    set: { 'web.webPageDetails.name': null },
    findings: [],
  },
  {
    name: 'an unknown field fails, with a close match',
    set: { 'web.webPageDetails.pageView': { value: 1 } },
    findings: ['fail xdm.web.webPageDetails.pageView'],
    expected: '"pageViews"',
    actual: '{"value":1}',
    message: 'is not a field of the schema. Did you mean "pageViews"?',
  },
  {
    name: 'an unknown top-level field fails',
    set: { _acme: { loyaltyTier: 'gold' } },
    findings: ['fail xdm._acme'],
    message: 'is not a field of the schema.',
  },
  {
    name: 'an unknown field in an identityMap item fails (items are closed)',
    set: { 'identityMap.ECID.0.namespace': 'ECID' },
    findings: ['fail xdm.identityMap.ECID[0].namespace'],
  },
  {
    name: 'a string where a number is fails',
    set: { 'web.webPageDetails.pageViews.value': '1' },
    findings: ['fail xdm.web.webPageDetails.pageViews.value'],
    expected: 'number',
    actual: '"1"',
  },
  {
    name: 'an int past 32 bits fails (the fixture has no short or byte field)',
    set: { 'device.screenHeight': 2 ** 31 },
    findings: ['fail xdm.device.screenHeight'],
    expected: 'int (an integer from -2147483648 to 2147483647)',
    actual: '2147483648',
  },
  {
    name: 'a fraction where an int is fails',
    set: { 'environment.browserDetails.viewportWidth': 1280.5 },
    findings: ['fail xdm.environment.browserDetails.viewportWidth'],
    expected: 'int',
  },
  {
    name: 'a value under the minimum fails',
    set: { 'environment.viewportHeight': -1 },
    findings: ['fail xdm.environment.viewportHeight'],
    expected: '≥ 0',
  },
  {
    name: 'a bad date-time fails',
    set: { timestamp: '26/11/2026 03:54' },
    findings: ['fail xdm.timestamp'],
    expected: 'date-time',
    actual: '"26/11/2026 03:54"',
  },
  {
    name: 'a month-13 date-time fails',
    set: { 'placeContext.localTime': '2026-13-26T03:54:44.739+00:00' },
    findings: ['fail xdm.placeContext.localTime'],
  },
  {
    name: 'a name that is not a URI fails, and is not also warned about',
    set: { 'implementationDetails.name': 'alloy' },
    findings: ['fail xdm.implementationDetails.name'],
    expected: 'uri',
  },
  {
    name: 'an enum violation fails, with a close match',
    set: { 'environment.type': 'Browser' },
    findings: ['fail xdm.environment.type'],
    expected: '"browser"',
    message: 'Did you mean "browser"?',
  },
  {
    name: 'a pattern violation fails, with the item index in the path',
    set: { productListItems: [{ SKU: 'a' }, { SKU: 'b', currencyCode: 'eur' }] },
    findings: ['fail xdm.productListItems[1].currencyCode'],
    expected: '^[A-Z]{3}$',
  },
  {
    name: 'a soft-enum typo in eventType warns with the close match',
    set: { eventType: 'web.webpagedetails.pageView' },
    findings: ['warn xdm.eventType'],
    expected: 'known values (others are allowed): "web.webpagedetails.pageViews"',
    message: 'Did you mean "web.webpagedetails.pageViews"?',
  },
  {
    name: 'a custom eventType warns without a match',
    set: { eventType: 'acme.loyaltySignup' },
    findings: ['warn xdm.eventType'],
    message: 'is not a known value.',
  },
  {
    name: 'a missing _id is info only',
    set: { _id: undefined },
    findings: ['info xdm._id'],
    actual: '(missing)',
    message: 'the Web SDK and the Edge Network fill it',
  },
  {
    name: 'a missing timestamp is info only',
    set: { timestamp: undefined },
    findings: ['info xdm.timestamp'],
  },
  {
    name: 'a missing required field elsewhere fails',
    set: { productListItems: [{ name: 'Trail Shoes' }], commerce: { productListAdds: {} } },
    findings: ['fail xdm.productListItems[0].SKU', 'fail xdm.commerce.productListAdds.value'],
    actual: '(missing)',
  },
  {
    name: 'several mistakes give one finding each',
    set: {
      'device.screenOrientation': 'sideways',
      'web.webReferrer.URL': 42,
      'web.webInteraction': { linkClicks: { value: 1 }, type: 'other', nme: 'x' },
    },
    findings: [
      'fail xdm.web.webReferrer.URL',
      'fail xdm.web.webInteraction.nme',
      'fail xdm.device.screenOrientation',
    ],
  },
];

describe('checkXdm over the resolved XDM ExperienceEvent (xed-full)', () => {
  it('loads the fixture as xed, with its source commit', () => {
    expect(XED.kind).toBe('xed');
    expect(fixture['meta:source'].commit).toMatch(/^[0-9a-f]{40}$/);
    expect(fixture.description).toContain(fixture['meta:source'].commit);
  });

  it.each(CASES)('$name', ({ set, findings, expected, actual, message }) => {
    const xdm = pageView();
    for (const [path, value] of Object.entries(set)) setPath(xdm, path, value);
    const found = checkXdm(XED, xdm);
    expect(brief(found)).toEqual(findings);
    for (const finding of found) {
      expect(finding.rule).toBe('schema');
      expect(finding.message.startsWith(`${finding.path} `)).toBe(true);
    }
    if (expected !== undefined) expect(found[0]?.expected).toContain(expected);
    if (actual !== undefined) expect(found[0]?.actual).toBe(actual);
    if (message !== undefined) expect(found[0]?.message).toContain(message);
  });

  it('an event with no xdm fails as missing', () => {
    expect(checkXdm(XED, undefined)).toMatchObject([
      { status: 'fail', path: 'xdm', expected: 'object', actual: '(missing)' },
    ]);
  });
});

describe('never throws', () => {
  it('checkXdm on arbitrary JSON values, as xdm or in place of field groups', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 6 }), (value) => {
        for (const xdm of [value, { ...pageView(), web: value, identityMap: value }]) {
          const found = checkXdm(XED, xdm);
          for (const finding of found) {
            expect(finding.rule).toBe('schema');
            expect(finding.path?.startsWith('xdm')).toBe(true);
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('on __proto__ and constructor keys, which are only data', () => {
    const xdm: unknown = JSON.parse('{"__proto__": {"x": 1}, "web": {"constructor": 1}}');
    expect(brief(checkXdm(XED, xdm))).toEqual([
      'fail xdm.__proto__',
      'fail xdm.web.constructor',
      'info xdm._id',
      'info xdm.timestamp',
    ]);
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });

  it('loadXdmSchema on arbitrary JSON values: a schema or problems', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 5 }), (value) => {
        const loaded = loadXdmSchema(value);
        expect(loaded.ok ? loaded.schema.kind : loaded.problems.length).toBeTruthy();
      }),
      { numRuns: 300 },
    );
  });
});
