import { describe, expect, it } from 'vitest';
import {
  exegArea,
  explainExegCode,
  explainStatus,
  knownExegCodes,
  knownStatuses,
} from './error-catalogue';
import { decodeProblem, parseExegCode, problemLine } from './errors';
import { responseFixture } from './test-fixtures';

describe('parseExegCode', () => {
  it.each([
    [
      'https://ns.adobe.com/aep/errors/EXEG-0104-422',
      { code: 'EXEG-0104-422', number: '0104', status: 422 },
    ],
    [
      'https://ns.adobe.com/aep/errors/EXEG-0204-200',
      { code: 'EXEG-0204-200', number: '0204', status: 200 },
    ],
    ['EXEG-0000-503', { code: 'EXEG-0000-503', number: '0000', status: 503 }],
    ['about:blank', undefined],
    ['https://ns.adobe.com/aep/errors/EXEG-104-422', undefined],
    [42, undefined],
    [undefined, undefined],
  ])('%j', (type, expected) => {
    expect(parseExegCode(type)).toEqual(expected);
  });
});

// Every code in docs/edge-protocol.md §4.2–4.3, with the name its explanation must carry.
const DOCUMENTED_CODES: [string, string][] = [
  ['0000', 'Service unavailable'],
  ['0001', 'Unexpected error'],
  ['0002', 'Missing datastream'],
  ['0003', 'Invalid datastream ID'],
  ['0004', 'Datastream disabled'],
  ['0010', 'Datastream configuration problem'],
  ['0011', 'Datastream configuration problem'],
  ['0012', 'Datastream configuration problem'],
  ['0013', 'Datastream configuration problem'],
  ['0100', 'JSON processing error'],
  ['0101', 'Invalid JSON'],
  ['0102', 'Invalid field'],
  ['0103', 'Invalid field'],
  ['0104', 'Validation failed'],
  ['0105', 'Invalid field'],
  ['0109', 'Empty body'],
  ['0111', 'Unsupported content type'],
  ['0112', 'Payload too large'],
  ['0113', 'Invalid configuration overrides'],
  ['0200', 'Upstream timeout'],
  ['0201', 'Upstream unavailable'],
  ['0202', 'Upstream failed'],
  ['0203', 'Upstream failed'],
  ['0204', 'Completed with warnings'],
  ['0205', 'Data exchange failed'],
  ['0301', 'User consent missing'],
  ['0302', 'Consent update not supported'],
  ['0303', 'Unauthorized namespaces'],
  ['0305', 'Invalid identity'],
  ['0306', 'No primary identity'],
  ['0308', 'Invalid identity'],
  ['0400', 'Geographic restriction'],
  ['0500', 'Invalid or expired token'],
  ['0502', 'Invalid or expired token'],
  ['0503', 'Invalid or expired token'],
  ['0504', 'Missing product context or scope'],
  ['0505', 'Missing product context or scope'],
  ['0506', 'No write access to the sandbox'],
];

describe('the EXEG catalogue', () => {
  it.each(DOCUMENTED_CODES)('explains %s (%s) with a cause and what to check', (code, name) => {
    const explanation = explainExegCode(code);
    expect(explanation?.name).toBe(name);
    expect(explanation?.cause.length).toBeGreaterThan(10);
    expect(explanation?.check.length).toBeGreaterThan(10);
  });

  it('knows exactly the documented codes', () => {
    expect(knownExegCodes().sort()).toEqual(DOCUMENTED_CODES.map(([c]) => c));
  });

  it.each([
    ['0107', 'request input'],
    ['0009', 'service and datastream'],
    ['0307', 'consent and identity'],
    ['0999', undefined],
    ['abcd', undefined],
  ])('puts %s in the area %s', (code, area) => {
    expect(exegArea(code)).toBe(area);
  });

  it('never finds inherited properties for codes from the wire', () => {
    expect(explainExegCode('constructor')).toBeUndefined();
    expect(explainExegCode('__proto__')).toBeUndefined();
  });
});

describe('the status catalogue', () => {
  const STATUSES = [400, 401, 403, 408, 409, 413, 415, 422, 429, 500, 502, 503, 504];
  it.each(STATUSES)('explains %i', (status) => {
    const explanation = explainStatus(status);
    expect(explanation?.cause.length).toBeGreaterThan(10);
    expect(explanation?.check.length).toBeGreaterThan(10);
  });

  it('explains 207 only when the body carried errors', () => {
    expect(explainStatus(207)).toBeUndefined();
    expect(explainStatus(207, true)?.name).toBe('Partial success');
  });

  it('knows the documented statuses and nothing else', () => {
    expect(knownStatuses().sort()).toEqual([207, ...STATUSES]);
    expect(explainStatus(418)).toBeUndefined();
    expect(explainStatus(200)).toBeUndefined();
  });
});

describe('decodeProblem over the error fixtures', () => {
  // [fixture, code, status, title, detail, report errors, explanation name, line]
  const CASES: [
    string,
    string | undefined,
    number,
    string | undefined,
    string | undefined,
    string[],
    string | undefined,
    string,
  ][] = [
    [
      '400-problem',
      'EXEG-0003-400',
      400,
      'Invalid datastream ID',
      'The datastream ID is missing or invalid.',
      [],
      'Invalid datastream ID',
      'EXEG-0003-400 Invalid datastream ID: The datastream ID is missing or invalid.',
    ],
    [
      '422-report',
      'EXEG-0104-422',
      422,
      'Unprocessable entity',
      'Invalid request (report attached). Please check your input and try again.',
      [
        "Allowed Adobe version is 1.0 for standard 'Adobe' at index 0",
        "The value of 'general' must be 'in' or 'out' at index 0",
      ],
      'Validation failed',
      'EXEG-0104-422 Unprocessable entity: Invalid request (report attached). Please check your input and try again.',
    ],
    [
      '503-unavailable',
      'EXEG-0000-503',
      503,
      'Service unavailable',
      'The service is temporarily unavailable. Please try again later.',
      [],
      'Service unavailable',
      'EXEG-0000-503 Service unavailable: The service is temporarily unavailable. Please try again later.',
    ],
    [
      '400-minimal',
      'EXEG-0101-400',
      400,
      undefined,
      undefined,
      [],
      'Invalid JSON',
      'EXEG-0101-400 Invalid JSON',
    ],
    [
      '422-minimal',
      'EXEG-0004-422',
      422,
      'Datastream disabled',
      undefined,
      [],
      'Datastream disabled',
      'EXEG-0004-422 Datastream disabled',
    ],
    // Unknown code: no code explanation, so the status one; title and detail are still there.
    [
      '400-unknown-code',
      'EXEG-0107-400',
      400,
      'Invalid event',
      'Event at index 0 has an unsupported field.',
      [],
      'Bad request',
      'EXEG-0107-400 Invalid event: Event at index 0 has an unsupported field.',
    ],
  ];

  it.each(CASES)('%s', (name, code, status, title, detail, errors, explanation, line) => {
    const fixture = responseFixture(name);
    const problem = decodeProblem(fixture.body, fixture.status);
    expect([problem.exeg?.code, problem.status, problem.title, problem.detail]).toEqual([
      code,
      status,
      title,
      detail,
    ]);
    expect(problem.report?.errors ?? []).toEqual(errors);
    expect(problem.explanation?.name).toBe(explanation);
    expect(problemLine(problem)).toBe(line);
    expect(problem.notes).toEqual([]);
  });

  it('keeps the report: requestId, orgId, eventIndex, cause and unknown keys', () => {
    const report = decodeProblem(responseFixture('422-report').body).report;
    expect(report).toMatchObject({
      orgId: '53A16ACB5CC1D3760A495C99@AdobeOrg',
      requestId: expect.stringMatching(/-[0-9a-f]{16}$/),
    });
    const unknown = decodeProblem(responseFixture('400-unknown-code').body);
    expect(unknown.area).toBe('request input');
    expect(unknown.report).toMatchObject({
      eventIndex: 0,
      other: [{ key: 'path', value: 'events[0].xdm.foo' }],
    });
    const withCause = decodeProblem({
      type: 'x',
      report: { cause: { message: 'Connection refused', code: 'ECONNREFUSED' } },
    });
    expect(withCause.report).toMatchObject({
      causeMessage: 'Connection refused',
      causeCode: 'ECONNREFUSED',
    });
  });
});

describe('decodeProblem on malformed problems', () => {
  it.each([
    ['a string', 'oops', ['The problem is a string, not an object.']],
    ['no type', { status: 400, title: 'Bad' }, ['The problem has no type.']],
    [
      'a type without a code',
      { type: 'https://example.com/x' },
      ['The type carries no EXEG code.'],
    ],
    ['about:blank (fine)', { type: 'about:blank', status: 404 }, []],
    [
      'a string status',
      { type: 'about:blank', status: '422' },
      ['status is a string, not a number.'],
    ],
    [
      'report as an array',
      { type: 'about:blank', report: [] },
      ['report is an array, not an object.'],
    ],
    [
      'report.errors as a string',
      { type: 'about:blank', report: { errors: 'x' } },
      ['report.errors is a string, not an array.'],
    ],
  ])('%s', (_name, value, notes) => {
    expect(decodeProblem(value).notes).toEqual(notes);
  });

  it('turns report.errors objects into their message and names other entries', () => {
    const problem = decodeProblem({
      type: 'x',
      report: { errors: ['a', { message: 'b' }, { title: 'c' }, 5, null] },
    });
    expect(problem.report?.errors).toEqual(['a', 'b', 'c', '(a number)', '(null)']);
  });

  it('uses the HTTP status when the body has none', () => {
    expect(decodeProblem({ type: 'about:blank' }, 503).explanation?.name).toBe(
      'Service unavailable',
    );
    expect(decodeProblem({ type: 'about:blank', status: '422' }).status).toBe(422);
  });
});
