import { describe, expect, it } from 'vitest';
import { decodeResponse, decodeResponseBody, type DecodedResponse } from './decode-response';
import { matchEdgeUrl } from './endpoint';
import { compareRequestIds } from './request-id';
import { fixtureNames, responseFixture } from './test-fixtures';

const SENT = '8fe699d5-2c1d-4f6b-bdb9-5c7e8bd07839';
const INTERACT = matchEdgeUrl(
  `https://edge.adobedc.net/ee/v1/interact?configId=ds&requestId=${SENT}`,
);

function decodeFixture(name: string): DecodedResponse {
  const fixture = responseFixture(name);
  return decodeResponse({
    text: fixture.text,
    status: fixture.status,
    headers: fixture.headers,
    sentRequestId: SENT,
    endpoint: INTERACT,
  });
}

/** The facts a row checks. Groups read `r:` (request-scoped) or `e0:` followed by handle types. */
function summary(response: DecodedResponse) {
  return {
    shape: response.shape,
    status: response.status,
    requestId: response.requestIdMatch.relation,
    groups: response.groups.map(
      (g) =>
        `${g.eventIndex === undefined ? 'r' : `e${g.eventIndex}`}: ${g.handles.map((h) => h.type ?? '?').join(' ')}`,
    ),
    errors: response.errors.map((p) => p.exeg?.code),
    warnings: response.warnings.map((p) => p.exeg?.code),
    problem: response.problem?.exeg?.code ?? null,
    retryAfter: response.retryAfter?.text ?? null,
    alloyFails: response.alloy?.failed,
    notes: response.notes,
  };
}

type Summary = ReturnType<typeof summary>;
const OK: Summary = {
  shape: 'handles',
  groups: [],
  status: 200,
  requestId: 'edge-suffix',
  errors: [],
  warnings: [],
  problem: null,
  retryAfter: null,
  alloyFails: false,
  notes: [],
};
const handles = (...groups: string[]): Summary => ({ ...OK, shape: 'handles', groups });
const problem = (status: number, code: string, retryAfter: string | null = null): Summary => ({
  ...OK,
  shape: 'problem',
  status,
  requestId: 'missing',
  groups: [],
  problem: code,
  retryAfter,
  alloyFails: true,
});
const STATE = 'state:store';

// One row per response fixture (checked below).
const CASES: [string, Summary][] = [
  ['state-store', handles(`r: ${STATE}`)],
  ['identity-result', handles('r: identity:result')],
  ['identity-exchange', handles('r: identity:exchange')],
  ['location-hint', handles('r: locationHint:result')],
  ['consent-preferences', handles('r: consent:preferences')],
  ['personalization-target', handles('e0: personalization:decisions')],
  ['personalization-ajo', handles('e0: personalization:decisions')],
  ['personalization-offer-decisioning', handles('e0: personalization:decisions')],
  [
    'personalization-empty',
    handles(`r: ${STATE} identity:result`, 'e0: personalization:decisions'),
  ],
  ['activation-push', handles('e0: activation:push')],
  ['activation-pull', handles('e0: activation:pull')],
  ['media-new-session', handles('e0: media-analytics:new-session')],
  ['brand-concierge', handles('r: brand-concierge:conversation')],
  ['identity-persist', handles('r: identity:persist')],
  [
    'handles-unknown-and-malformed',
    handles(
      `r: ? identity:result locationHint:result ? ${STATE} ${STATE}`,
      'e0: analytics:hit',
      'e3: activation:push',
    ),
  ],
  [
    'page-view',
    handles(`r: ${STATE} identity:result locationHint:result`, 'e0: personalization:decisions'),
  ],
  ['400-problem', { ...problem(400, 'EXEG-0003-400'), requestId: 'edge-suffix' }],
  ['422-report', { ...problem(422, 'EXEG-0104-422'), requestId: 'edge-suffix' }],
  [
    '207-errors-warnings',
    {
      ...handles(`r: ${STATE} identity:result`),
      status: 207,
      errors: ['EXEG-0201-503'],
      warnings: ['EXEG-0204-200', 'EXEG-0301-200'],
    },
  ],
  [
    '429-retry-after',
    {
      ...problem(429, ''),
      shape: 'empty',
      problem: null,
      retryAfter: 'retry after 120 seconds (2 minutes)',
    },
  ],
  [
    '503-unavailable',
    problem(
      503,
      'EXEG-0000-503',
      'retry at 2026-11-25T10:00:30.000Z (30 seconds after the response)',
    ),
  ],
  [
    '502-html',
    {
      ...problem(502, ''),
      shape: 'not-json',
      problem: null,
      notes: ['The body is an HTML page, likely from a proxy or CDN rather than Edge.'],
    },
  ],
  ['400-minimal', problem(400, 'EXEG-0101-400')],
  ['422-minimal', problem(422, 'EXEG-0004-422')],
  ['400-unknown-code', problem(400, 'EXEG-0107-400')],
  [
    '202-accepted',
    {
      ...OK,
      shape: 'accepted',
      status: 202,
      groups: [],
      alloyFails: true,
      notes: ['Accepted for processing (v2 collect).'],
    },
  ],
  ['204-empty', { ...OK, shape: 'empty', status: 204, requestId: 'missing', groups: [] }],
  [
    '200-truncated',
    {
      ...OK,
      shape: 'not-json',
      requestId: 'missing',
      groups: [],
      alloyFails: true,
      notes: ['The body is not JSON: Unterminated string (line 1, column 175).'],
    },
  ],
  [
    '200-handle-not-array',
    {
      ...OK,
      shape: 'handles',
      groups: [],
      alloyFails: true,
      notes: ['handle is an object, not an array.'],
    },
  ],
];

describe('decodeResponse over the response fixtures', () => {
  it.each(CASES)('%s', (name, expected) => {
    expect(summary(decodeFixture(name))).toEqual(expected);
  });

  it('has a row for every response fixture', () => {
    expect(CASES.map((c) => c[0]).sort()).toEqual(fixtureNames('response-'));
  });

  it('keeps every handle in body order, duplicates included', () => {
    const response = decodeFixture('handles-unknown-and-malformed');
    expect(response.handles.map((h) => h.position)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(response.handles.filter((h) => h.type === STATE)).toHaveLength(2);
  });

  it('reads the x-adobe-edge header and explains the status', () => {
    const response = decodeFixture('207-errors-warnings');
    expect(response.edge).toEqual({ raw: 'OR2;9', region: 'OR2', regionId: 9 });
    expect(response.statusExplanation?.name).toBe('Partial success');
    expect(response.alloy?.reason).toBe('alloy carries on and logs the errors and warnings.');
    expect(response.errors[0]?.report).toMatchObject({ causeMessage: 'Connection refused' });
  });

  it('takes the requestId of a problem from its report', () => {
    const response = decodeFixture('422-report');
    expect(response.requestIdSource).toBe('report');
    expect(response.requestIdMatch.suffix).toBe('a1b2c3d4e5f60718');
  });

  it('keeps the parse position of a truncated body', () => {
    expect(decodeFixture('200-truncated').parseError).toMatchObject({ line: 1, column: 175 });
  });

  it('gives no alloy verdict where alloy never reads the response (collect, v2)', () => {
    const collect = matchEdgeUrl('https://edge.adobedc.net/ee/or2/v1/collect?configId=ds');
    expect(decodeResponse({ text: '', status: 204, endpoint: collect }).alloy).toBeUndefined();
    expect(decodeResponse({ text: '{"requestId":"x"}', status: 202 }).alloy).toBeUndefined();
  });

  it('says when the body was not captured', () => {
    expect(decodeResponse({ status: 204 })).toMatchObject({
      shape: 'not-captured',
      notes: ['The response body was not captured.'],
    });
  });

  it.each([
    ['an array', [1], 'unrecognised', ['The body is an array, not a JSON object.']],
    ['null', null, 'unrecognised', ['The body is null, not a JSON object.']],
    [
      'an unrelated object',
      { hello: 'world' },
      'unrecognised',
      ['The body has no handle, errors or warnings and is not a problem object.'],
    ],
    [
      'errors not an array',
      { handle: [], errors: {} },
      'handles',
      ['errors is an object, not an array.'],
    ],
    ['warnings only', { warnings: [{ type: 'about:blank' }] }, 'handles', []],
  ])('decodeResponseBody with %s', (_name, body, shape, notes) => {
    const response = decodeResponseBody(body);
    expect(response.shape).toBe(shape);
    expect(response.notes).toEqual(notes);
  });
});

describe('compareRequestIds', () => {
  it.each([
    [
      SENT,
      `${SENT}-a1b2c3d4e5f60718`,
      'edge-suffix',
      "The sent requestId plus Edge's suffix -a1b2c3d4e5f60718.",
    ],
    [SENT, SENT, 'identical', expect.stringMatching(/^Identical to the sent requestId/)],
    [
      SENT,
      `${SENT}-xyz`,
      'other-suffix',
      "Starts with the sent requestId, but the suffix -xyz is not Edge's 16 hex digits.",
    ],
    [
      SENT,
      'f00-a1b2c3d4e5f60718',
      'different',
      'Differs from the sent requestId: this response may belong to another call.',
    ],
    [SENT, undefined, 'missing', 'The response carries no requestId.'],
    [
      undefined,
      `${SENT}-a1b2c3d4e5f60718`,
      'not-sent',
      'No requestId was sent; Edge made this one.',
    ],
  ])('%s vs %s', (sent, received, relation, text) => {
    expect(compareRequestIds(sent, received)).toMatchObject({ relation, text });
  });
});
