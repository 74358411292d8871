import { describe, expect, it } from 'vitest';
import { FILES, PLAN, har, run } from './test-har';

describe('runValidate: exit 2 for bad usage or bad input, the reason on stderr', () => {
  const cases: Array<{
    name: string;
    argv: string[];
    files?: Record<string, string>;
    says: string[];
  }> = [
    { name: 'no arguments', argv: [], says: ['no SESSION given'] },
    { name: 'no session', argv: ['--plan', 'plans/plan.yaml'], says: ['no SESSION given'] },
    {
      name: 'an unknown option',
      argv: ['session.har', '--verbose'],
      says: ['unknown option --verbose'],
    },
    {
      name: 'an unknown format',
      argv: ['session.har', '--plan', 'plans/plan.yaml', '--format', 'xml'],
      says: ['unknown format "xml": use text, json, junit'],
    },
    {
      name: 'an option without its value',
      argv: ['session.har', '--plan'],
      says: ['--plan needs a value'],
    },
    {
      name: 'an option followed by another',
      argv: ['session.har', '--plan', '--format', 'json'],
      says: ['--plan needs a value'],
    },
    {
      name: 'an option given twice',
      argv: ['session.har', '--plan', 'a', '--plan', 'b'],
      says: ['--plan is given twice'],
    },
    {
      name: 'an unreadable session',
      argv: ['missing.har', '--plan', 'plans/plan.yaml'],
      says: ["cannot read missing.har: ENOENT: no such file or directory, open 'missing.har'"],
    },
    {
      name: 'an unreadable plan',
      argv: ['session.har', '--plan', 'nope.yaml'],
      says: ['cannot read nope.yaml: ENOENT'],
    },
    {
      name: 'a session that is not JSON',
      argv: ['notes.txt', '--plan', 'plans/plan.yaml'],
      files: { ...FILES, 'notes.txt': 'hello' },
      says: ['notes.txt: The file is not valid JSON'],
    },
    {
      name: 'JSON that is neither HAR nor session',
      argv: ['other.json', '--plan', 'plans/plan.yaml'],
      files: { ...FILES, 'other.json': '{"hello":1}' },
      says: ['other.json: The file is JSON but neither a HAR'],
    },
    {
      name: 'a HAR of an unsupported version',
      argv: ['old.har', '--plan', 'plans/plan.yaml'],
      files: { ...FILES, 'old.har': har('home', '1.0') },
      says: ['old.har: Unsupported HAR version "1.0"'],
    },
    {
      name: 'every bad session and the bad plan at once',
      argv: ['a.txt', 'missing.har', '--plan', 'nope.yaml'],
      files: { ...FILES, 'a.txt': 'x' },
      says: [
        'cannot read nope.yaml',
        'a.txt: The file is not valid JSON',
        'cannot read missing.har',
      ],
    },
    {
      name: 'a plan with a syntax error, with line:column',
      argv: ['session.har', '--plan', 'bad.yaml'],
      files: { ...FILES, 'bad.yaml': 'name: x\nrules:\n  - id: a\n    require: [a\n' },
      // The position (bad.yaml:LINE:COLUMN) comes from parsePlan.
      says: ['the plan bad.yaml is refused:', '  - bad.yaml', 'Flow sequence'],
    },
    {
      name: 'a bad plan, with all its problems listed',
      argv: ['session.har', '--plan', 'bad.yaml'],
      files: {
        ...FILES,
        'bad.yaml': [
          'name: Bad',
          'colour: blue',
          'rules:',
          '  - id: a',
          '    match: { xdm.eventType: "/([/" }',
          '  - id: a',
          '    require: [x]',
          '  - description: no id',
          '    require: [y]',
          '  - id: b',
          '    severity: fatal',
          '    expect: { type: objekt }',
        ].join('\n'),
      },
      says: [
        'the plan bad.yaml is refused:',
        '  - unknown key "colour"',
        'bad regex /([/',
        'duplicate id "a"',
        'rules[2]: a rule needs an id',
        'rule b: severity must be error or warning, not "fatal"',
        'unknown type "objekt"',
      ],
    },
    {
      name: 'a plan whose schema cannot be read',
      argv: ['session.har', '--plan', 'plans/s.yaml'],
      files: { ...FILES, 'plans/s.yaml': `${PLAN}schema: gone.json\n` },
      says: ['schema gone.json: the file cannot be read'],
    },
    {
      name: 'an --out that cannot be written',
      argv: ['session.har', '--plan', 'plans/plan.yaml', '--out', '/readonly/report.txt'],
      says: ['cannot write /readonly/report.txt: EACCES'],
    },
  ];

  it.each(cases)('$name', ({ argv, files, says }) => {
    const { code, stdout, stderr } = run(argv, files);
    expect(code).toBe(2);
    if (!argv.includes('--out')) expect(stdout).toBe('');
    expect(stderr).toMatch(/^aep-edge-inspector validate: /);
    for (const text of says) expect(stderr).toContain(text);
    expect(stderr).toContain("Run 'aep-edge-inspector validate --help' for usage.");
  });
});

describe('runValidate: what it writes to the terminal', () => {
  it('shows control characters that a bad file puts in a reason as escapes', () => {
    const files = { ...FILES, 'esc.har': '\u001b]0;owned\u0007\u001b[2J' };
    const { code, stderr } = run(['esc.har', '--plan', 'plans/plan.yaml'], files);
    expect(code).toBe(2);
    expect(stderr).toContain('esc.har: The file is not valid JSON');
    expect([...stderr].filter((c) => c !== '\n' && /\p{Cc}/u.test(c))).toEqual([]);
  });
});
