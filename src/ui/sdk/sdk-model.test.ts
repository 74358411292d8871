import { describe, expect, test } from 'vitest';
import type { SdkEvent } from '../../edge/sdk-event';
import {
  buildSdkView,
  LINK_TOLERANCE_MS,
  PUSH_LEAD_MS,
  sdkSummary,
  type SdkCall,
  type SdkPage,
} from './sdk-model';
import { configLines, optionLines, readConfig, resultLines, siteOf } from './sdk-read';

const T = 1_000_000;
const DS = '8d4c2b1a-0000-4000-8000-000000000001';
const ORG = 'ABC123@AdobeOrg';

const config = (extra: Record<string, unknown> = {}) =>
  JSON.stringify({ datastreamId: DS, orgId: ORG, edgeDomain: 'edge.shop.example', ...extra });

const before = (at: number, name: string, options?: unknown, instance = 'alloy'): SdkEvent => ({
  at,
  kind: 'command',
  instance,
  command: {
    name,
    phase: 'before',
    options: options === undefined ? undefined : JSON.stringify(options),
  },
});
const resolved = (at: number, name: string, result?: unknown, instance = 'alloy'): SdkEvent => ({
  at,
  kind: 'command',
  instance,
  command: {
    name,
    phase: 'resolved',
    result: result === undefined ? undefined : JSON.stringify(result),
  },
});
const rejected = (at: number, name: string, error: string, instance = 'alloy'): SdkEvent => ({
  at,
  kind: 'command',
  instance,
  command: { name, phase: 'rejected', error },
});
const log = (at: number, level: string, text: string, instance = 'alloy'): SdkEvent => ({
  at,
  kind: 'log',
  instance,
  log: { level, text, component: 'DataCollector' },
});
const configured = (at: number, text: string, instance = 'alloy'): SdkEvent => ({
  at,
  kind: 'configured',
  instance,
  config: text,
});

const page = (sdk: SdkEvent[], extra: Partial<SdkPage> = {}): SdkPage => ({
  id: 'p1',
  tabId: 7,
  url: 'https://www.shop.example/',
  startedAt: T - 1000,
  sdk,
  ...extra,
});
const call = (id: string, at: number, extra: Partial<SdkCall> = {}): SdkCall => ({
  id,
  seq: Number(id.replace(/\D/g, '')) || 0,
  pageId: 'p1',
  startedAt: at,
  sdkInstance: 'alloy',
  ...extra,
});

describe('pairing commands', () => {
  test.each([
    {
      name: 'resolved: duration from before to resolved',
      events: [before(T, 'sendEvent'), resolved(T + 250, 'sendEvent', { propositions: [1, 2] })],
      want: [
        { label: 'sendEvent #1', outcome: 'resolved', durationMs: 250, result: ['2 propositions'] },
      ],
    },
    {
      name: 'rejected: the error kept',
      events: [before(T, 'getIdentity'), rejected(T + 40, 'getIdentity', 'Error: no consent')],
      want: [
        {
          label: 'getIdentity #1',
          outcome: 'rejected',
          durationMs: 40,
          error: 'Error: no consent',
        },
      ],
    },
    {
      name: 'no end: pending with no duration',
      events: [before(T, 'sendEvent')],
      want: [{ label: 'sendEvent #1', outcome: 'pending' }],
    },
    {
      name: 'two of a name close oldest first; numbers are per page, in order',
      events: [
        before(T, 'sendEvent'),
        before(T + 10, 'setConsent'),
        before(T + 20, 'sendEvent', { documentUnloading: true }),
        resolved(T + 30, 'sendEvent'),
        resolved(T + 60, 'sendEvent'),
      ],
      want: [
        { label: 'sendEvent #1', outcome: 'resolved', durationMs: 30 },
        { label: 'setConsent #2', outcome: 'pending' },
        { label: 'sendEvent #3 (documentUnloading)', outcome: 'resolved', durationMs: 40 },
      ],
    },
    {
      name: 'an end of another instance does not close it',
      events: [before(T, 'sendEvent'), resolved(T + 5, 'sendEvent', undefined, 'other')],
      want: [{ label: 'sendEvent #1', outcome: 'pending' }],
    },
    {
      name: 'an end with no before is ignored',
      events: [resolved(T, 'sendEvent')],
      want: [],
    },
  ])('$name', ({ events, want }) => {
    const view = buildSdkView([page(events)], []);
    expect(view.pages[0]?.commands ?? []).toMatchObject(want);
  });
});

describe('linking calls and commands', () => {
  const tol = LINK_TOLERANCE_MS;
  test.each([
    { name: 'inside the window', at: T + 100, want: ['sendEvent #1'] },
    { name: 'at the start', at: T, want: ['sendEvent #1'] },
    { name: 'at the end', at: T + 300, want: ['sendEvent #1'] },
    { name: 'just before, within the tolerance', at: T - tol, want: ['sendEvent #1'] },
    { name: 'before, beyond the tolerance', at: T - tol - 1, want: [] },
    { name: 'after, beyond the tolerance', at: T + 300 + tol + 1, want: [] },
    { name: 'another instance', at: T + 100, instance: 'other', want: [] },
    {
      name: 'no instance, one instance on the page',
      at: T + 100,
      instance: null,
      want: ['sendEvent #1'],
    },
    { name: 'another page', at: T + 100, pageId: 'p2', want: [] },
  ])('$name', ({ at, instance, pageId, want }) => {
    const events = [before(T, 'sendEvent'), resolved(T + 300, 'sendEvent')];
    const c = call('c1', at, {
      sdkInstance: instance === null ? undefined : (instance ?? 'alloy'),
      pageId: pageId ?? 'p1',
    });
    const view = buildSdkView([page(events)], [c]);
    expect(view.pages[0]?.commands[0]?.callIds).toEqual(want.length ? ['c1'] : []);
    expect(view.commandOfCall.get('c1')?.label).toEqual(want[0]);
  });

  test('a call without an instance is nobody’s when the page has two instances', () => {
    const events = [
      before(T, 'sendEvent'),
      before(T, 'sendEvent', undefined, 'second'),
      resolved(T + 300, 'sendEvent'),
      resolved(T + 300, 'sendEvent', undefined, 'second'),
    ];
    const view = buildSdkView([page(events)], [call('c1', T + 10, { sdkInstance: undefined })]);
    expect(view.commandOfCall.has('c1')).toBe(false);
  });

  test('a call inside two windows goes to the one it is inside without tolerance', () => {
    const events = [
      before(T, 'sendEvent'),
      resolved(T + 100, 'sendEvent'),
      before(T + 120, 'sendEvent'),
      resolved(T + 400, 'sendEvent'),
    ];
    const view = buildSdkView(
      [page(events)],
      [call('c1', T + 90), call('c2', T + 105), call('c3', T + 130)],
    );
    expect(view.pages[0]?.commands.map((c) => c.callIds)).toEqual([['c1', 'c2'], ['c3']]);
    expect(view.commandOfCall.get('c3')?.label).toBe('sendEvent #2');
  });

  test('a command without an end runs until the next command of its instance', () => {
    const events = [
      before(T, 'sendEvent'),
      before(T + 500, 'getIdentity'),
      resolved(T + 600, 'getIdentity'),
    ];
    const view = buildSdkView([page(events)], [call('c1', T + 400), call('c2', T + 550)]);
    expect(view.commandOfCall.get('c1')?.label).toBe('sendEvent #1');
    expect(view.commandOfCall.get('c2')?.label).toBe('getIdentity #2');
  });
});

describe('logs', () => {
  test('linked to the command running; counted by level; logs without commands kept', () => {
    const events = [
      log(T - 500, 'info', 'Executing configure command'),
      before(T, 'sendEvent'),
      log(T + 10, 'warn', 'No decisions'),
      log(T + 20, 'error', 'Request failed'),
      resolved(T + 100, 'sendEvent'),
      log(T + 200, 'error', 'Later'),
    ];
    const built = buildSdkView([page(events)], []).pages[0];
    expect(built?.logs.map((l) => [l.level, l.text, l.commandLabel])).toEqual([
      ['info', 'Executing configure command', undefined],
      ['warn', 'No decisions', 'sendEvent #1'],
      ['error', 'Request failed', 'sendEvent #1'],
      ['error', 'Later', undefined],
    ]);
    expect([built?.errors, built?.warnings]).toEqual([2, 1]);
  });

  test('a page with logs only still shows', () => {
    const view = buildSdkView([page([log(T, 'info', 'hello')])], []);
    expect(view.pages[0]?.commands).toEqual([]);
    expect(view.pages[0]?.logs).toHaveLength(1);
  });

  test('pages without SDK events are left out', () => {
    expect(buildSdkView([page([]), { ...page([]), sdk: undefined }], []).pages).toEqual([]);
  });
});

describe('configuration', () => {
  test('fields read, legacy edgeConfigId, function callback, overrides as text', () => {
    const { config } = readConfig(
      JSON.stringify({
        edgeConfigId: DS,
        orgId: ORG,
        edgeDomain: 'edge.shop.example',
        edgeBasePath: 'ee',
        defaultConsent: 'pending',
        thirdPartyCookiesEnabled: false,
        idMigrationEnabled: true,
        clickCollectionEnabled: false,
        context: ['web', 'device'],
        onBeforeEventSend: 'function',
        edgeConfigOverrides: { datastreamId: 'x' },
      }),
    );
    expect(config).toEqual({
      datastreamId: DS,
      orgId: ORG,
      edgeDomain: 'edge.shop.example',
      edgeBasePath: 'ee',
      defaultConsent: 'pending',
      thirdPartyCookiesEnabled: false,
      idMigrationEnabled: true,
      clickCollectionEnabled: false,
      context: ['web', 'device'],
      onBeforeEventSend: true,
      edgeConfigOverrides: '{"datastreamId":"x"}',
    });
    expect(configLines(config ?? {})).toContainEqual([
      'onBeforeEventSend',
      expect.stringMatching(/^function /),
    ]);
    expect(configLines({}).map(([name]) => name)).not.toContain('onBeforeEventSend');
  });

  test.each([
    { raw: '{"datastreamId": "abc"', want: /could not be read: not JSON/ },
    { raw: '"a string"', want: /not an object/ },
    { raw: '[]', want: /not an object/ },
  ])('junk configuration text $raw', ({ raw, want }) => {
    expect(readConfig(raw).problem).toMatch(want);
    const view = buildSdkView([page([configured(T, raw)])], []);
    expect(view.pages[0]?.instances[0]?.trouble[0]).toMatch(want);
  });
});

describe('trouble', () => {
  const troubleOf = (sdk: SdkEvent[], url = 'https://www.shop.example/') =>
    buildSdkView([page(sdk, { url })], []).pages[0]?.instances.map((i) => i.trouble) ?? [];

  test.each([
    { name: 'a good configuration', sdk: [configured(T, config())], want: [[]] },
    {
      name: 'pending consent and no setConsent',
      sdk: [configured(T, config({ defaultConsent: 'pending' }))],
      want: [[expect.stringMatching(/^Default consent is pending and no setConsent/)]],
    },
    {
      name: 'pending consent with a setConsent',
      sdk: [configured(T, config({ defaultConsent: 'pending' })), before(T + 5, 'setConsent')],
      want: [[]],
    },
    {
      name: 'third-party edge domain with third-party cookies',
      sdk: [configured(T, config({ edgeDomain: 'edge.adobedc.net' }))],
      want: [
        [
          expect.stringMatching(
            /edge domain edge.adobedc.net is not on the page's site \(shop.example\)/,
          ),
        ],
      ],
    },
    {
      name: 'no edge domain means the default, third-party one',
      sdk: [configured(T, config({ edgeDomain: undefined }))],
      want: [[expect.stringMatching(/edge.adobedc.net is not on the page's site/)]],
    },
    {
      name: 'third-party edge domain with third-party cookies off',
      sdk: [
        configured(T, config({ edgeDomain: 'edge.adobedc.net', thirdPartyCookiesEnabled: false })),
      ],
      want: [[]],
    },
    {
      name: 'missing datastream and org',
      sdk: [configured(T, JSON.stringify({ edgeDomain: 'edge.shop.example' }))],
      want: [[expect.stringMatching(/no datastream/), expect.stringMatching(/no org/)]],
    },
    {
      name: 'two instances, one datastream',
      sdk: [configured(T, config()), configured(T, config(), 'second')],
      want: [
        [expect.stringMatching(/same datastream/)],
        [expect.stringMatching(/same datastream/)],
      ],
    },
  ])('$name', ({ sdk, want }) => {
    expect(troubleOf(sdk)).toEqual(want);
  });

  test.each([
    ['www.shop.example', 'shop.example'],
    ['shop.co.uk', 'shop.co.uk'],
    ['a.b.shop.co.uk', 'shop.co.uk'],
    ['localhost', 'localhost'],
    ['127.0.0.1', '127.0.0.1'],
  ])('the site of %s is %s', (host, site) => {
    expect(siteOf(host)).toBe(site);
  });
});

describe('options, results, summary', () => {
  test('options worth a glance', () => {
    expect(
      optionLines(
        JSON.stringify({
          xdm: { eventType: 'web.webpagedetails.pageViews' },
          renderDecisions: true,
          decisionScopes: ['__view__', 'hero'],
          personalization: { surfaces: ['#hero'] },
          documentUnloading: false,
          edgeConfigOverrides: { datastreamId: 'x' },
        }),
      ),
    ).toEqual([
      'eventType: web.webpagedetails.pageViews',
      'renderDecisions: true',
      'decisionScopes: __view__, hero',
      'personalization surfaces: #hero',
      'documentUnloading: false',
      'edgeConfigOverrides: {"datastreamId":"x"}',
    ]);
    expect(optionLines('{oops')[0]).toMatch(/^options: not JSON/);
    expect(optionLines(undefined)).toEqual([]);
  });

  test('results', () => {
    expect(resultLines(JSON.stringify({ propositions: [{}], identity: { ECID: '123' } }))).toEqual([
      '1 proposition',
      'ECID 123',
    ]);
    expect(resultLines('junk')).toEqual([]);
  });

  test('the summary line of the latest page', () => {
    const sdk: SdkEvent[] = [
      { at: T, kind: 'instance', instance: 'alloy', version: '2.33.1' },
      configured(T, config()),
      { at: T, kind: 'tags', tags: { property: 'Demo property', environment: 'development' } },
    ];
    const view = buildSdkView(
      [page([log(T, 'info', 'x')], { id: 'p0', startedAt: 0 }), page(sdk)],
      [],
    );
    expect(sdkSummary(view)).toBe(
      'Web SDK 2.33.1 · 1 instance (alloy) · datastream 8d4c… · Tags: Demo property (development)',
    );
    expect(sdkSummary(buildSdkView([], []))).toBeUndefined();
    expect(sdkSummary(buildSdkView([page([log(T, 'info', 'x')])], []))).toBeUndefined();
  });
});

test('the version is what the instance’s own events state, when its monitors do not tell it', () => {
  const events: SdkEvent[] = [
    { at: T, kind: 'instance', instance: 'alloy' },
    configured(T, config()),
    before(T + 10, 'sendEvent'),
    resolved(T + 90, 'sendEvent'),
  ];
  const calls: SdkCall[] = [
    {
      id: 'c1',
      seq: 1,
      pageId: 'p1',
      startedAt: T + 20,
      sdkInstance: 'alloy',
      facts: { sdkVersion: '2.19.2' },
    },
  ];
  const view = buildSdkView([page(events)], calls);
  expect(view.pages[0]?.instances[0]?.version).toBe('2.19.2');
  expect(sdkSummary(view)).toMatch(/^Web SDK 2\.19\.2 · 1 instance \(alloy\)/);
  expect(buildSdkView([page(events)], []).pages[0]?.instances[0]?.version).toBeUndefined();
});

test('a command follows the data layer push just before it, none when another command came between', () => {
  const push = (at: number, event?: string): SdkEvent => ({
    at,
    kind: 'datalayer',
    datalayer: { data: '{}', ...(event ? { event } : {}) },
  });
  const events: SdkEvent[] = [
    push(T, 'page-loaded'),
    before(T + 20, 'sendEvent'),
    resolved(T + 60, 'sendEvent'),
    push(T + 100, 'cart-add'),
    before(T + 130, 'sendEvent'),
    resolved(T + 170, 'sendEvent'),
    before(T + 300, 'getIdentity'),
    push(T + 5_000),
    before(T + 5_000 + PUSH_LEAD_MS + 1, 'sendEvent'),
  ];
  const view = buildSdkView([page(events)], []).pages[0];
  expect(view?.commands.map((c) => c.afterPush)).toEqual([
    'page-loaded',
    'cart-add',
    undefined,
    undefined,
  ]);
  // The page's own listener may run before the hook's: a push heard just after still led.
  const late = buildSdkView([page([before(T, 'sendEvent'), push(T + 2, 'cart-add')])], []).pages[0];
  expect(late?.commands[0]?.afterPush).toBe('cart-add');
  expect(view?.pushList.map((p) => [p.label, p.led])).toEqual([
    ['page-loaded', ['sendEvent #1']],
    ['cart-add', ['sendEvent #2']],
    ['data', []],
  ]);
});

test('a command without an end has no duration', () => {
  const command = buildSdkView([page([before(T, 'sendEvent')])], []).pages[0]?.commands[0];
  expect([command?.outcome, command?.endedAt, command?.durationMs]).toEqual([
    'pending',
    undefined,
    undefined,
  ]);
});

test('pre-hiding in words, and the data layer pushes counted with their event names', () => {
  const built = buildSdkView(
    [
      page([
        { at: T, kind: 'hiding', hiding: 'hide-containers' },
        { at: T + 350, kind: 'hiding', hiding: 'show-containers' },
        { at: T + 400, kind: 'datalayer', datalayer: { event: 'pageLoaded', data: '{}' } },
        { at: T + 500, kind: 'datalayer', datalayer: { data: '{"page":{}}' } },
        { at: T + 600, kind: 'hiding', hiding: 'show-containers' },
      ]),
    ],
    [],
  ).pages[0];
  expect(built?.hiding).toEqual([
    'Containers hidden (pre-hiding)',
    'Containers shown after 350 ms hidden',
    'Containers shown',
  ]);
  expect([built?.pushes, built?.pushEvents]).toEqual([2, ['pageLoaded']]);
});
