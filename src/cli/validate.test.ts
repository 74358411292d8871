import { describe, expect, it } from 'vitest';
import { MISSING_NAME_RESULT } from '../validate/test-verdicts';
import { SESSION_FORMAT, SESSION_VERSION } from '../session/session-file';
import { EDGE_URL, FILES, PLAN, edgeBody, memory, run } from './test-har';
import { runValidate, VALIDATE_USAGE } from './validate';

describe('runValidate over a HAR', () => {
  it('(a) exits 1 with the JSON report when a required field is missing', () => {
    const { code, stdout, stderr } = run([
      'session.har',
      '--plan',
      'plans/plan.yaml',
      '--format',
      'json',
    ]);
    expect(code).toBe(1);
    expect(stderr).toBe('');
    expect(JSON.parse(stdout)).toEqual({
      plan: 'Shop plan',
      summary: { events: 1, passed: 0, failed: 1, warned: 0 },
      results: [MISSING_NAME_RESULT],
      visit: [],
    });
  });

  it('(b) exits 0 when the field is there', () => {
    const { code, stdout } = run(['named.har', '--plan=plans/plan.yaml', '--format=json']);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({
      summary: { events: 1, passed: 1, failed: 0, warned: 0 },
      results: [{ requestId: 'r-1', rule: 'page-name', status: 'pass', path: null }],
    });
  });

  it('prints text by default: the counts and one line per failing finding', () => {
    const { code, stdout } = run(['session.har', '--plan', 'plans/plan.yaml']);
    expect(code).toBe(1);
    expect(stdout).toContain('Plan: Shop plan');
    expect(stdout).toContain('session.har (HAR): 1 Edge calls, 1 other entries skipped');
    expect(stdout).toContain('Events: 1, passed: 0, failed: 1, warned: 0');
    expect(stdout).toContain(
      'FAIL r-1[0] web.webpagedetails.pageViews page-name: xdm.web.webPageDetails.name: xdm.web.webPageDetails.name is missing',
    );
  });

  it('writes JUnit to --out and says so on stdout', () => {
    const { io, out } = memory(FILES);
    const code = runValidate(
      [
        'session.har',
        'named.har',
        '--plan',
        'plans/plan.yaml',
        '--format',
        'junit',
        '--out',
        'junit.xml',
      ],
      io,
    );
    expect(code).toBe(1);
    const xml = out.written['junit.xml'] ?? '';
    expect(xml).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>/);
    // Two events against the plan, and the eight visit checks.
    expect(xml).toContain('<testsuites name="Shop plan" tests="10" failures="1"');
    expect(xml).toContain('<testcase classname="r-1[0]" name="page-name">');
    expect(out.stdout).toBe(
      'Wrote junit report to junit.xml: 2 events, 1 passed, 1 failed, 0 warned.\n',
    );
  });

  it('reads the plan’s schema relative to the plan’s folder', () => {
    const files = {
      ...FILES,
      'plans/with-schema.yaml': `${PLAN}schema: xdm.json\n`,
      'plans/xdm.json': JSON.stringify({
        type: 'object',
        properties: { web: { type: 'object', required: ['webReferrer'] } },
      }),
    };
    const { code, stdout } = run(
      ['named.har', '--plan', 'plans/with-schema.yaml', '--format', 'json'],
      files,
    );
    expect(code).toBe(1);
    const results = JSON.parse(stdout).results as Array<{ rule: string; status: string }>;
    expect(results.map((r) => [r.rule, r.status])).toEqual([
      ['page-name', 'pass'],
      ['schema', 'fail'],
    ]);
  });

  it('reads our own session file, and a BOM before the JSON', () => {
    const session = JSON.stringify({
      format: SESSION_FORMAT,
      version: SESSION_VERSION,
      pages: [{ id: 'p1', tabId: 3, url: 'https://shop.example/', title: 'Shop', startedAt: 1 }],
      calls: [
        {
          call: {
            id: 'x1',
            url: EDGE_URL,
            method: 'POST',
            pageId: 'p1',
            startedAt: 2,
            status: 200,
          },
          requestBody: edgeBody('home'),
        },
      ],
    });
    const { code, stdout } = run(['s.json', '--plan', 'plans/plan.yaml', '--format', 'json'], {
      ...FILES,
      's.json': `\uFEFF${session}`,
    });
    expect(code).toBe(0);
    expect(JSON.parse(stdout).summary).toEqual({ events: 1, passed: 1, failed: 0, warned: 0 });
  });

  it('notes a session without Edge calls on stderr and passes', () => {
    const empty = JSON.stringify({ log: { version: '1.2', entries: [] } });
    const { code, stderr, stdout } = run(['empty.har', '--plan', 'plans/plan.yaml'], {
      ...FILES,
      'empty.har': empty,
    });
    expect(code).toBe(0);
    expect(stderr).toContain('empty.har holds no Edge call');
    expect(stdout).toContain('No events to validate.');
  });

  it('prints the usage for --help and exits 0', () => {
    for (const argv of [['--help'], ['-h'], ['session.har', '--format', 'bogus', '--help']]) {
      const { code, stdout, stderr } = run(argv);
      expect(code).toBe(0);
      expect(stdout).toBe(VALIDATE_USAGE);
      expect(stderr).toBe('');
    }
    expect(VALIDATE_USAGE).toContain('when --plan is given');
  });
});
