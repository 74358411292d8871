import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { matchEdgeUrl } from '../edge/endpoint';
import type { SdkEvent } from '../edge/sdk-event';
import type { CapturedCall, PageVisit } from './call';
import { toCsv } from './csv';
import { exportFileName, prepareExport } from './export-model';
import type { CallWithBodies } from './call';
import { toHar } from './har';
import { IMPORT_LIMIT_BYTES, importFile } from './import';
import { defaultRedaction } from './redaction';
import type { RedactionRule } from './redaction';
import { toSessionFile } from './session-file';

function fixtureBody(name: string): string {
  const raw = JSON.parse(
    readFileSync(new URL(`../edge/fixtures/${name}`, import.meta.url), 'utf8'),
  );
  return typeof raw.body === 'string' ? raw.body : JSON.stringify(raw.body);
}

const SECRET_TOKEN = 'eyJhbGciOiJSUzI1NiJ9.SECRET-PAYLOAD.signature';
const EMAIL = 'jane.doe@example.com';
const CRM_ID = 'crm-000123456';
const KNDCTR = 'CiY0MTg2MTY2NjE5MzE0MDE2MTkzNDI3Njg0NTY1MTE0ODg3Njk4OFIQCJ';

function call(i: number, url: string, extra: Partial<CapturedCall> = {}): CapturedCall {
  const endpoint = matchEdgeUrl(url);
  if (!endpoint) throw new Error(`not an edge url: ${url}`);
  return {
    id: `c${i}`,
    seq: i,
    tabId: 7,
    pageId: 'p1',
    url,
    method: 'POST',
    endpoint,
    startedAt: Date.UTC(2026, 10, 26, 10, 0, i),
    durationMs: 40,
    state: 'complete',
    status: 200,
    request: { captured: true, size: 10 },
    response: { captured: true, size: 10 },
    sources: ['webRequest', 'page-hook'],
    keys: {},
    ...extra,
  };
}

const PAGE: PageVisit = {
  id: 'p1',
  tabId: 7,
  url: 'https://shop.example/?email=' + EMAIL,
  title: 'Shop',
  startedAt: 0,
};
const INTERACT = 'https://edge.adobedc.net/ee/v1/interact?configId=ds-1&requestId=r1';

function batchBody(): string {
  return JSON.stringify({
    events: [
      {
        xdm: {
          eventType: 'a.one',
          identityMap: { CRMID: [{ id: CRM_ID, primary: true }], Email: [{ id: EMAIL }] },
        },
      },
      { xdm: { eventType: 'a.two', identityMap: { CRMID: [{ id: CRM_ID, primary: true }] } } },
    ],
    meta: { state: { entries: [{ key: 'kndctr_ORG_identity', value: KNDCTR }] } },
  });
}

function sample(): CallWithBodies[] {
  return [
    {
      call: call(1, INTERACT, {
        requestHeaders: [
          { name: 'Authorization', value: `Bearer ${SECRET_TOKEN}` },
          { name: 'Cookie', value: `kndctr_ORG_identity=${KNDCTR}` },
          { name: 'Content-Type', value: 'text/plain' },
        ],
        responseHeaders: [{ name: 'Set-Cookie', value: `kndctr_ORG_identity=${KNDCTR}; Secure` }],
        note: `checked with ${EMAIL}`,
      }),
      requestBody: batchBody(),
      responseBody: JSON.stringify({
        requestId: 'r1-0123456789abcdef',
        handle: [
          {
            type: 'state:store',
            payload: [{ key: 'kndctr_ORG_identity', value: KNDCTR, maxAge: 10 }],
          },
        ],
      }),
    },
    {
      call: call(
        2,
        'https://edge.adobedc.net/ee/v1/collect?configId=ds-1&requestId=r2&access_token=' +
          SECRET_TOKEN,
        {
          status: 204,
          transport: 'beacon',
        },
      ),
      requestBody: fixtureBody('request-unload-beacon-collect.json'),
      responseBody: '',
    },
  ];
}

const harSchemas = createRequire(import.meta.url)('har-schema') as Record<string, object>;

function harValidator() {
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  // har-schema is written in JSON Schema draft-06.
  ajv.addMetaSchema(createRequire(import.meta.url)('ajv/dist/refs/json-schema-draft-06.json'));

  for (const [name, schema] of Object.entries(harSchemas)) ajv.addSchema(schema, `${name}.json`);
  return ajv.getSchema('har.json')!;
}

describe('export', () => {
  it('HAR passes the HAR 1.2 schema and keeps both bodies and the decoded view', async () => {
    const prepared = await prepareExport(sample(), [PAGE], { rules: new Set() });
    const har = toHar(prepared);
    const validate = harValidator();
    expect(validate(har), JSON.stringify(validate.errors)).toBe(true);
    // The validator is not a yes-man: a HAR without its version fails it.
    expect(validate({ log: { ...har.log, version: undefined } })).toBe(false);

    expect(har.log.entries).toHaveLength(2);
    expect(har.log.entries[0]?.request.postData?.text).toBe(batchBody());
    expect(har.log.entries[0]?._aepInspector).toMatchObject({ decoded: { action: 'interact' } });
    expect(har.log.entries[1]?.response.status).toBe(204);
    expect(har.log.pages?.[0]?.id).toBe('p1');
  });

  it.each<[string, RedactionRule[], string[], string[]]>([
    [
      'all rules (the default)',
      ['secrets', 'identities', 'kndctr'],
      [SECRET_TOKEN, EMAIL, CRM_ID, KNDCTR],
      [],
    ],
    ['no rules', [], [], [SECRET_TOKEN, EMAIL, CRM_ID, KNDCTR]],
    ['secrets only', ['secrets'], [SECRET_TOKEN], [EMAIL, CRM_ID]],
    ['identities only', ['identities'], [EMAIL, CRM_ID], [SECRET_TOKEN]],
  ])(
    'redaction, %s: what must vanish and what stays, in HAR, session and CSV bytes',
    async (_n, rules, gone, kept) => {
      const prepared = await prepareExport(sample(), [PAGE], { rules: new Set(rules) });
      const bytes = [
        JSON.stringify(toHar(prepared)),
        JSON.stringify(toSessionFile(prepared)),
        toCsv(prepared),
      ];
      for (const text of bytes) {
        for (const secret of gone) expect(text).not.toContain(secret);
      }
      // CSV has no headers or bodies, so only the full formats must keep what is not redacted.
      for (const text of bytes.slice(0, 2)) {
        for (const value of kept) expect(text).toContain(value);
      }
      expect(prepared.redaction.map((r) => r.rule)).toEqual(rules);
    },
  );

  it('hashes the same id to the same token everywhere in one export', async () => {
    const prepared = await prepareExport(sample(), [PAGE], defaultRedaction());
    const body = JSON.parse(prepared.calls[0]!.requestBody!);
    const first = body.events[0].xdm.identityMap.CRMID[0].id;
    const second = body.events[1].xdm.identityMap.CRMID[0].id;
    expect(first).toMatch(/^hash:[0-9a-f]{16}$/);
    expect(second).toBe(first);
    expect(body.events[0].xdm.identityMap.Email[0].id).not.toBe(first);
  });

  it('CSV has one row per event and a header', async () => {
    const prepared = await prepareExport(sample(), [PAGE], { rules: new Set() });
    const lines = toCsv(prepared).trimEnd().split('\r\n');
    expect(lines[0]).toBe(
      'time,page,action,eventType,datastream,status,primaryIdentity,handleTypes,errors,note',
    );
    // 2 events in the batch + 1 in the beacon.
    expect(lines).toHaveLength(1 + 3);
    expect(lines[1]).toContain('a.one');
    expect(lines[2]).toContain('a.two');
    expect(lines[3]).toContain('collect');
  });

  it('names the file after the site and the time', async () => {
    const prepared = await prepareExport(
      sample(),
      [PAGE],
      defaultRedaction(),
      new Date(Date.UTC(2026, 10, 26, 9, 8, 7)),
    );
    expect(exportFileName(prepared, 'har')).toBe('aep-edge-shop.example-20261126-090807.har');
  });
});

describe('import', () => {
  it.each([
    ['HAR', (p: Awaited<ReturnType<typeof prepareExport>>) => JSON.stringify(toHar(p)), 'har'],
    [
      'session',
      (p: Awaited<ReturnType<typeof prepareExport>>) => JSON.stringify(toSessionFile(p)),
      'session',
    ],
  ] as const)(
    're-imports its own %s to the same calls, bodies, notes and pages',
    async (_n, write, format) => {
      const prepared = await prepareExport(sample(), [PAGE], { rules: new Set() });
      const result = importFile(`x.${format}`, write(prepared), 'imp1');
      if (!result.ok) throw new Error(result.reason);
      expect(result.origin.format).toBe(format);
      expect(result.calls.map((c) => c.call.url)).toEqual(sample().map((c) => c.call.url));
      expect(result.calls.map((c) => c.requestBody)).toEqual(sample().map((c) => c.requestBody));
      expect(result.calls.map((c) => c.responseBody)).toEqual(sample().map((c) => c.responseBody));
      expect(result.calls.map((c) => c.call.status)).toEqual([200, 204]);
      expect(result.calls[0]?.call.note).toBe(`checked with ${EMAIL}`);
      expect(result.calls[0]?.call.eventTypes).toEqual(['a.one', 'a.two']);
      expect(result.calls.every((c) => c.call.imported?.importId === 'imp1')).toBe(true);
      expect(result.pages.map((p) => p.url)).toEqual([PAGE.url]);
      expect(result.calls[0]?.call.pageId).toBe(result.pages[0]?.id);
    },
  );

  it.each(['har', 'session'] as const)(
    'keeps resend links through a %s round trip',
    async (format) => {
      const [original, resend] = sample();
      const linked = [
        { ...original!, call: { ...original!.call, resends: [resend!.call.id, 'gone'] } },
        { ...resend!, call: { ...resend!.call, resendOf: original!.call.id } },
      ];
      const prepared = await prepareExport(linked, [PAGE], { rules: new Set() });
      const text = JSON.stringify(format === 'har' ? toHar(prepared) : toSessionFile(prepared));
      const result = importFile(`links.${format}`, text, 'imp9');
      if (!result.ok) throw new Error(result.reason);
      const [a, b] = result.calls.map((c) => c.call);
      expect(a?.resends).toEqual([b?.id]);
      expect(b?.resendOf).toBe(a?.id);
    },
  );

  it.each(['har', 'session'] as const)(
    "keeps a page's renders through a %s round trip, each through the guard",
    async (format) => {
      const renders = [
        {
          at: 1,
          status: 'rendering-succeeded',
          propositions: [{ id: 'AT:1', scope: '__view__' }],
          instance: 'alloy',
        },
        {
          at: 2,
          status: 'rendering-failed',
          propositions: [{ id: 'AT:2' }],
          error: `no selector for ${EMAIL}`,
        },
      ];
      const page = { ...PAGE, renders };
      const prepared = await prepareExport(sample(), [page], { rules: new Set() });
      const file = JSON.parse(
        JSON.stringify(format === 'har' ? toHar(prepared) : toSessionFile(prepared)),
      ) as { log?: { _aepInspector: { pages: unknown[] } }; pages?: unknown[] };
      // A hostile file: junk next to the records, and markup inside one.
      const pages = (file.log?._aepInspector.pages ?? file.pages) as Array<{ renders: unknown[] }>;
      pages[0]!.renders.push('junk', { at: 'x', status: 1 }, { ...renders[0], at: 3, html: '<b>' });
      const result = importFile(`renders.${format}`, JSON.stringify(file), 'imp3');
      if (!result.ok) throw new Error(result.reason);
      expect(result.pages[0]?.renders).toEqual([...renders, { ...renders[0], at: 3 }]);

      const redacted = await prepareExport(sample(), [page], defaultRedaction());
      const errors = redacted.pages[0]?.renders?.map((r) => r.error);
      expect(errors?.[1]).not.toContain(EMAIL);
      expect(redacted.pages[0]?.renders?.[0]).toEqual(renders[0]);
    },
  );

  it.each(['har', 'session'] as const)(
    "keeps a page's SDK events through a %s round trip, each through the guard",
    async (format) => {
      const options = JSON.stringify({ xdm: { identityMap: { CRMID: [{ id: CRM_ID }] } } });
      const sdk: SdkEvent[] = [
        { at: 1, kind: 'instance', instance: 'alloy' },
        { at: 2, kind: 'configured', instance: 'alloy', config: '{"datastreamId":"ds-1"}' },
        { at: 3, kind: 'command', command: { name: 'sendEvent', phase: 'before', options } },
        { at: 4, kind: 'command', command: { name: 'bad', phase: 'rejected', error: 'no' } },
        { at: 5, kind: 'log', log: { level: 'info', component: 'Identity', text: `hi ${EMAIL}` } },
        { at: 6, kind: 'hiding', hiding: 'show-containers' },
        { at: 7, kind: 'tags', tags: { property: 'Shop', environment: 'production' } },
        { at: 8, kind: 'datalayer', datalayer: { event: 'cart', data: `{"email":"${EMAIL}"}` } },
      ];
      const page = { ...PAGE, sdk };
      const prepared = await prepareExport(sample(), [page], { rules: new Set() });
      const file = JSON.parse(
        JSON.stringify(format === 'har' ? toHar(prepared) : toSessionFile(prepared)),
      ) as { log?: { _aepInspector: { pages: unknown[] } }; pages?: unknown[] };
      const pages = (file.log?._aepInspector.pages ?? file.pages) as Array<{ sdk: unknown[] }>;
      pages[0]!.sdk.push('junk', { at: 'x', kind: 'log' }, { ...sdk[0], at: 9, html: '<b>' });
      const result = importFile(`sdk.${format}`, JSON.stringify(file), 'imp4');
      if (!result.ok) throw new Error(result.reason);
      expect(result.pages[0]?.sdk).toEqual([...sdk, { ...sdk[0], at: 9 }]);

      // Redacted like bodies: the identityMap's id and the emails hashed, the setup kept.
      const redacted = await prepareExport(sample(), [page], defaultRedaction());
      const text = JSON.stringify(redacted.pages[0]?.sdk);
      expect(text).not.toContain(EMAIL);
      expect(text).not.toContain(CRM_ID);
      expect(redacted.pages[0]?.sdk?.slice(0, 2)).toEqual(sdk.slice(0, 2));
      expect(redacted.pages[0]?.sdk?.[6]).toEqual(sdk[6]);
      // The same id gets the same hash in the SDK's options as in the request body.
      const body = redacted.calls[0]?.requestBody ?? '';
      const hashed = /"CRMID":\[\{"id":"(hash:[0-9a-f]+)"/.exec(body)?.[1];
      expect(hashed).toBeTruthy();
      expect(redacted.pages[0]?.sdk?.[2]?.command?.options).toContain(hashed);
    },
  );

  it('masks the kndctr values an SDK log line quotes from the bodies, also where the line was cut inside one', async () => {
    const quoted = `Request 1: Received response with status code 200 and response body: {"handle":[{"type":"state:store","payload":[{"key":"kndctr_ORG_identity","value":"${KNDCTR}"}]}]}`;
    const cut = `${quoted.slice(0, quoted.indexOf(KNDCTR) + 10)}…`;
    const sdk: SdkEvent[] = [
      { at: 1, kind: 'log', log: { level: 'info', text: quoted } },
      { at: 2, kind: 'log', log: { level: 'info', text: cut } },
    ];
    const redacted = await prepareExport(sample(), [{ ...PAGE, sdk }], defaultRedaction());
    const texts = redacted.pages[0]?.sdk?.map((e) => e.log?.text ?? '') ?? [];
    for (const text of texts) {
      expect(text).not.toContain(KNDCTR.slice(0, 10));
      expect(text).toContain('[redacted]');
    }
    const kept = await prepareExport(sample(), [{ ...PAGE, sdk }], { rules: new Set() });
    expect(kept.pages[0]?.sdk?.[0]?.log?.text).toContain(KNDCTR);
  });

  it('keeps only the Edge calls of a mixed HAR and reads base64 bodies', () => {
    const har = {
      log: {
        version: '1.2',
        creator: { name: 'WebInspector', version: '537.36' },
        entries: [
          {
            startedDateTime: '2026-11-26T10:00:00.000Z',
            time: 5,
            request: { method: 'GET', url: 'https://shop.example/app.js', headers: [] },
            response: { status: 200, headers: [], content: { text: 'x' } },
          },
          {
            startedDateTime: '2026-11-26T10:00:01.000Z',
            time: 30,
            request: {
              method: 'POST',
              url: INTERACT,
              headers: [],
              postData: { text: batchBody() },
            },
            response: {
              status: 200,
              headers: [],
              content: { text: btoa('{"handle":[]}'), encoding: 'base64' },
            },
          },
          {
            startedDateTime: '2026-11-26T10:00:02.000Z',
            time: 5,
            request: { method: 'GET', url: 'https://www.google-analytics.com/g/collect?v=2' },
            response: { status: 204 },
          },
        ],
      },
    };
    const result = importFile('chrome.har', JSON.stringify(har), 'imp2');
    if (!result.ok) throw new Error(result.reason);
    expect(result.calls).toHaveLength(1);
    expect(result.skipped).toBe(2);
    expect(result.calls[0]?.responseBody).toBe('{"handle":[]}');
  });

  it.each([
    ['not JSON', '<html>nope</html>', /not valid JSON/],
    ['truncated JSON', '{"log": {"version": "1.2", "entries": [', /not valid JSON/],
    ['JSON but not HAR', '{"hello": "world"}', /neither a HAR/],
    ['an array', '[1,2,3]', /neither a HAR nor a session/],
    ['HAR without entries', '{"log": {"version": "1.2"}}', /no log.entries/],
    [
      'wrong HAR version',
      '{"log": {"version": "2.0", "entries": []}}',
      /Unsupported HAR version "2.0"/,
    ],
    [
      'wrong session version',
      '{"format": "aep-edge-inspector-session", "version": 99, "calls": []}',
      /Unsupported session version "99"/,
    ],
    ['too big', ' '.repeat(IMPORT_LIMIT_BYTES + 1), /files up to 40 MB/],
  ])('refuses %s with its reason', (_n, text, reason) => {
    const result = importFile('bad', text, 'imp3');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toMatch(reason);
  });

  it('does not let a hostile file pollute prototypes or inject fields', () => {
    const text =
      '{"log":{"version":"1.2","entries":[{"__proto__":{"polluted":1},"request":{"url":"' +
      INTERACT +
      '","__proto__":{"x":1}},"response":{"status":200},"_aepInspector":{"call":{"tabId":99,"sources":["evil"],"id":"x"}}}]}}';
    const result = importFile('evil.har', text, 'imp4');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    if (!result.ok) throw new Error(result.reason);
    expect(result.calls[0]?.call.tabId).toBe(-1);
    expect(result.calls[0]?.call.sources).toEqual([]);
    expect(result.calls[0]?.call.id).toBe('imp4:0');
  });
});
