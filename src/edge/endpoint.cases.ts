/**
 * The URL tables for the Edge matcher: calls it must recognise, with what it must
 * decode from each, and look-alikes it must refuse. Shared by endpoint.test.ts.
 */
import type { EdgeEndpoint } from './endpoint';

export const CONFIG = 'ebebf826-a01f-4458-8cec-ef61de241c93';
export const REQ = '2f3e1c5b-7d4a-4c1e-9a57-0b8e4f6d2a10';
export const DS = '6b7d3f2e-1c4a-4e8b-9f0d-5a6c7b8e9d01';
export const EDGE = 'https://edge.adobedc.net';
export const SERVER = 'https://server.adobedc.net';
export const Q = `?configId=${CONFIG}&requestId=${REQ}`;

/** The decoded endpoint of a plain Web SDK call; rows override what differs. */
export function edge(overrides: Partial<EdgeEndpoint>): EdgeEndpoint {
  return {
    host: 'edge.adobedc.net',
    basePath: 'ee',
    media: false,
    version: 'v1',
    action: 'interact',
    datastreamId: CONFIG,
    datastreamParam: 'configId',
    requestId: REQ,
    adobeHost: true,
    ...overrides,
  };
}

// Every field of EdgeEndpoint is compared (toEqual treats an absent key and `undefined` alike),
// so a row also asserts that region, subAction, validationToken… are NOT set when not given.
export const MUST_MATCH: [string, string, EdgeEndpoint][] = [
  ['v1 interact with configId and requestId', `${EDGE}/ee/v1/interact${Q}`, edge({})],
  ['v1 collect (sendBeacon)', `${EDGE}/ee/v1/collect${Q}`, edge({ action: 'collect' })],
  [
    'v1 interact without requestId',
    `${EDGE}/ee/v1/interact?configId=${CONFIG}`,
    edge({ requestId: undefined }),
  ],
  ['region-pinned or2', `${EDGE}/ee/or2/v1/interact${Q}`, edge({ region: 'or2' })],
  ['region-pinned irl1', `${EDGE}/ee/irl1/v1/interact${Q}`, edge({ region: 'irl1' })],
  ['Target-cluster hint t35', `${EDGE}/ee/t35/v1/interact${Q}`, edge({ region: 't35' })],
  [
    'region va6 is a hint, not the media sub-path',
    `${EDGE}/ee/va6/v1/interact${Q}`,
    edge({ region: 'va6' }),
  ],
  [
    'region jpn3 on collect',
    `${EDGE}/ee/jpn3/v1/collect${Q}`,
    edge({ region: 'jpn3', action: 'collect' }),
  ],
  [
    'media play with region (/ee/or2/va/v1/play)',
    `${EDGE}/ee/or2/va/v1/play${Q}`,
    edge({ region: 'or2', media: true, action: 'media', subAction: 'play' }),
  ],
  [
    'media sessionStart without region (Media Edge API docs)',
    `${EDGE}/ee/va/v1/sessionStart${Q}`,
    edge({ media: true, action: 'media', subAction: 'sessionStart' }),
  ],
  [
    'media adBreakStart with region va6',
    `${EDGE}/ee/va6/va/v1/adBreakStart${Q}`,
    edge({ region: 'va6', media: true, action: 'media', subAction: 'adBreakStart' }),
  ],
  [
    'media sessionComplete',
    `${EDGE}/ee/va/v1/sessionComplete${Q}`,
    edge({ media: true, action: 'media', subAction: 'sessionComplete' }),
  ],
  [
    'privacy/set-consent',
    `${EDGE}/ee/v1/privacy/set-consent${Q}`,
    edge({ action: 'privacy/set-consent' }),
  ],
  [
    'privacy/set-consent region-pinned',
    `${EDGE}/ee/or2/v1/privacy/set-consent${Q}`,
    edge({ region: 'or2', action: 'privacy/set-consent' }),
  ],
  ['identity/acquire', `${EDGE}/ee/v1/identity/acquire${Q}`, edge({ action: 'identity/acquire' })],
  [
    'Server API v2 interact with dataStreamId (Experience League spelling)',
    `${SERVER}/ee/v2/interact?dataStreamId=${DS}`,
    edge({
      host: 'server.adobedc.net',
      version: 'v2',
      datastreamId: DS,
      datastreamParam: 'dataStreamId',
      requestId: undefined,
    }),
  ],
  [
    'Server API v2 interact with datastreamId (OpenAPI spelling)',
    `${SERVER}/ee/v2/interact?datastreamId=${DS}&requestId=${REQ}`,
    edge({
      host: 'server.adobedc.net',
      version: 'v2',
      datastreamId: DS,
      datastreamParam: 'datastreamId',
    }),
  ],
  [
    'datastream parameter name in another case is accepted',
    `${SERVER}/ee/v2/interact?DATASTREAMID=${DS}`,
    edge({
      host: 'server.adobedc.net',
      version: 'v2',
      datastreamId: DS,
      datastreamParam: 'datastreamId',
      requestId: undefined,
    }),
  ],
  [
    'Server API v2 collect (batch, silent)',
    `${SERVER}/ee/v2/collect?datastreamId=${DS}&silent=true`,
    edge({
      host: 'server.adobedc.net',
      version: 'v2',
      action: 'collect',
      datastreamId: DS,
      datastreamParam: 'datastreamId',
      requestId: undefined,
    }),
  ],
  [
    'unauthenticated Server API on edge.adobedc.net',
    `${EDGE}/ee/v2/interact?datastreamId=${DS}`,
    edge({
      version: 'v2',
      datastreamId: DS,
      datastreamParam: 'datastreamId',
      requestId: undefined,
    }),
  ],
  [
    'ee-pre-prd base (alloy functional tests)',
    `${EDGE}/ee-pre-prd/v1/interact${Q}`,
    edge({ basePath: 'ee-pre-prd' }),
  ],
  [
    'ee-pre-prd base with region',
    `${EDGE}/ee-pre-prd/or2/v1/interact${Q}`,
    edge({ basePath: 'ee-pre-prd', region: 'or2' }),
  ],
  [
    'first-party CNAME data.example.com',
    `https://data.example.com/ee/v1/interact${Q}`,
    edge({ host: 'data.example.com', adobeHost: false }),
  ],
  [
    'first-party CNAME with region',
    `https://data.example.com/ee/or2/v1/interact${Q}`,
    edge({ host: 'data.example.com', region: 'or2', adobeHost: false }),
  ],
  [
    'Adobe-managed tenant CNAME <tenant>.data.adobedc.net',
    `https://acme.data.adobedc.net/ee/v1/interact${Q}`,
    edge({ host: 'acme.data.adobedc.net' }),
  ],
  [
    'third-party first call on adobedc.demdex.net',
    `https://adobedc.demdex.net/ee/v1/interact${Q}`,
    edge({ host: 'adobedc.demdex.net' }),
  ],
  [
    'local simulator over http with a port',
    `http://localhost:8443/ee/v1/interact${Q}`,
    edge({ host: 'localhost:8443', adobeHost: false }),
  ],
  [
    'configId with a :prod environment suffix',
    `${EDGE}/ee/v1/interact?configId=${CONFIG}:prod&requestId=${REQ}`,
    edge({ datastreamId: `${CONFIG}:prod` }),
  ],
  [
    'configId with a percent-encoded :dev suffix is decoded',
    `${EDGE}/ee/v1/interact?configId=${CONFIG}%3Adev&requestId=${REQ}`,
    edge({ datastreamId: `${CONFIG}:dev` }),
  ],
  [
    'non-UUID configId',
    `${EDGE}/ee/v1/interact?configId=my-datastream-42&requestId=${REQ}`,
    edge({ datastreamId: 'my-datastream-42' }),
  ],
  [
    'adobeAepValidationToken (Assurance) is decoded',
    `${EDGE}/ee/v1/interact${Q}&adobeAepValidationToken=sess-1%7Cclient-2`,
    edge({ validationToken: 'sess-1|client-2' }),
  ],
  [
    'parameters in another order',
    `${EDGE}/ee/v1/interact?requestId=${REQ}&configId=${CONFIG}`,
    edge({}),
  ],
  [
    'brand-concierge conversations',
    `${EDGE}/brand-concierge/conversations?sessionId=s-1&requestId=${REQ}&configId=${CONFIG}`,
    edge({
      basePath: 'brand-concierge',
      version: undefined,
      action: 'brand-concierge',
      subAction: 'conversations',
    }),
  ],
  [
    'brand-concierge-voice',
    `${EDGE}/brand-concierge-voice/conversations?sessionId=s-1&configId=${CONFIG}`,
    edge({
      basePath: 'brand-concierge-voice',
      version: undefined,
      action: 'brand-concierge',
      subAction: 'conversations',
      requestId: undefined,
    }),
  ],
  [
    'documented Server API curl form without /ee (/v2/interact?dataStreamId=)',
    `${SERVER}/v2/interact?dataStreamId=${DS}`,
    edge({
      host: 'server.adobedc.net',
      basePath: '',
      version: 'v2',
      datastreamId: DS,
      datastreamParam: 'dataStreamId',
      requestId: undefined,
    }),
  ],
];

export const MUST_NOT_MATCH: [string, string][] = [
  ['no datastream parameter', `${EDGE}/ee/v1/interact?requestId=${REQ}`],
  ['empty configId', `${EDGE}/ee/v1/interact?configId=&requestId=${REQ}`],
  ['datastream id only in the fragment', `${EDGE}/ee/v1/interact#configId=${CONFIG}`],
  ['unknown version v3', `${EDGE}/ee/v3/interact${Q}`],
  ['unknown action', `${EDGE}/ee/v1/unknown${Q}`],
  ['half of a two-segment action', `${EDGE}/ee/v1/privacy${Q}`],
  ['extra segment after the action', `${EDGE}/ee/v1/interact/extra${Q}`],
  ['no action', `${EDGE}/ee/v1${Q}`],
  ['base must be exactly ee or ee-*: /fee/', `${EDGE}/fee/v1/interact${Q}`],
  ['Omnibug-style false positive /see/', `https://www.example.com/see/v1/interact${Q}`],
  ['extra segment between region and version', `${EDGE}/ee/or2/extra/v1/interact${Q}`],
  ['region after /va/ (region goes first)', `${EDGE}/ee/va/or2/v1/play${Q}`],
  ['unknown media action', `${EDGE}/ee/va/v1/rewind${Q}`],
  ['media event type instead of action', `${EDGE}/ee/va/v1/media.play${Q}`],
  ['media without an action', `${EDGE}/ee/va/v1${Q}`],
  [
    'path-prefixed app /app/ee/v1/interact: the documented template puts the base first',
    `https://www.example.com/app/ee/v1/interact${Q}`,
  ],
  [
    'v1 without /ee: only the v2 Server API curl form is documented without a base',
    `https://api.example.com/v1/interact${Q}`,
  ],
  ['v2 without /ee but with a region', `${SERVER}/or2/v2/interact?dataStreamId=${DS}`],
  ['brand-concierge without configId', `${EDGE}/brand-concierge/conversations?sessionId=s-1`],
  [
    'analytics /b/ss/ beacon',
    'https://example.sc.omtrdc.net/b/ss/rsid/1/JS-2.22.0/s1234?AQB=1&g=x',
  ],
  [
    'analytics /b/ss/ beacon even with a configId',
    `https://example.sc.omtrdc.net/b/ss/rsid/1/JS-2.22.0/s1234?configId=${CONFIG}`,
  ],
  ['javascript: URL', `javascript:fetch('${EDGE}/ee/v1/interact${Q}')`],
  ['javascript: URL with an Edge-like path', `javascript:/ee/v1/interact${Q}`],
  ['data: URL', `data:text/plain,/ee/v1/interact${Q}`],
  ['ftp: URL', `ftp://edge.adobedc.net/ee/v1/interact${Q}`],
  ['relative URL (no base to resolve against)', `/ee/v1/interact${Q}`],
  ['garbage', 'not a url at all'],
  ['garbage with percent signs', '%%%/ee/v1/interact?configId=%%'],
  ['whitespace only', '   '],
  ['empty string', ''],
  ['site root', 'https://www.example.com/'],
];
