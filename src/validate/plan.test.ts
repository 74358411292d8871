import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseDocument } from 'yaml';
import { parsePlan, parseStructured } from './plan';

const GOOD = `name: Shop tracking plan
schema: ./web-event.schema.json
rules:
  - id: pageview-has-name
    description: Every page view names its page
    when: { xdm.eventType: web.webpagedetails.pageViews }
    require: [xdm.web.webPageDetails.name, xdm.web.webPageDetails.URL]
    severity: error
  - id: link-click-named
    when: { xdm.eventType: web.webinteraction.linkClicks }
    match: { xdm.web.webInteraction.type: /^(exit|download|other)$/ }
    require: [xdm.web.webInteraction.name]
  - id: order-has-revenue
    when: { xdm.commerce.purchases.value: 1 }
    severity: warning
    expect:
      properties:
        xdm:
          required: [commerce]
`;
const SCHEMA = JSON.stringify({ type: 'object', properties: { eventType: { type: 'string' } } });
const read = (files: Record<string, string>) => (path: string) => files[path.replace(/^\.\//, '')];

describe('parsePlan', () => {
  it('reads every kind of rule, the severities and the schema beside the plan', () => {
    const result = parsePlan(GOOD, 'plan.yaml', read({ 'web-event.schema.json': SCHEMA }));
    if (!result.ok) throw new Error(result.problems.join('\n'));
    expect(result.plan.name).toBe('Shop tracking plan');
    expect(result.plan.rules.map((r) => [r.id, r.severity])).toEqual([
      ['pageview-has-name', 'error'],
      ['link-click-named', 'error'],
      ['order-has-revenue', 'warning'],
    ]);
    expect(result.plan.schemaPath).toBe('./web-event.schema.json');
    expect(result.plan.schema).toBeDefined();
  });

  it('reads the same plan written as JSON', () => {
    const json = JSON.stringify({
      name: 'JSON plan',
      rules: [{ id: 'a', require: ['xdm.eventType'] }],
    });
    const result = parsePlan(json, 'plan.json');
    expect(result.ok && result.plan.rules[0]?.require).toEqual(['xdm.eventType']);
  });

  it.each<[string, string, RegExp[]]>([
    [
      'a YAML syntax error, with line and column',
      'name: x\nrules: [\n  - id: a',
      [/^bad\.yaml:\d+:\d+: /],
    ],
    [
      'a JSON syntax error, with line and column',
      '{"name": "x",\n "rules": [}',
      [/^bad\.yaml:2:\d+: /],
    ],
    ['an unknown key', 'name: x\nrulez: []\nrules: []', [/unknown key "rulez"/]],
    [
      'an unknown rule key',
      'name: x\nrules:\n  - id: a\n    require: [b]\n    requires: [c]',
      [/rules\[0\]: unknown key "requires"/],
    ],
    [
      'a bad regex',
      'name: x\nrules:\n  - id: a\n    match: { xdm.eventType: "/([a-z/" }',
      [/rule a: match\.xdm\.eventType: bad regex/],
    ],
    [
      'an invalid JSON Schema',
      'name: x\nrules:\n  - id: a\n    expect: { type: strin, required: yes }',
      [/rule a: invalid JSON Schema: expect\.type: unknown type "strin"/, /expect\.required/],
    ],
    ['a rule without id', 'name: x\nrules:\n  - require: [a]', [/rules\[0\]: a rule needs an id/]],
    [
      'a duplicate id',
      'name: x\nrules:\n  - id: a\n    require: [b]\n  - id: a\n    require: [c]',
      [/rules\[1\]: duplicate id "a"/],
    ],
    [
      'a schema file that cannot be read',
      'name: x\nschema: ./missing.json\nrules: []',
      [/schema \.\/missing\.json: the file cannot be read/],
    ],
    [
      'every problem at once',
      'rules:\n  - id: a\n  - id: a\n    match: { x: "/(/" }',
      [/a plan needs a name/, /rule a: checks nothing/, /duplicate id "a"/, /bad regex/],
    ],
  ])('refuses %s, listing why', (_name, text, reasons) => {
    const result = parsePlan(text, 'bad.yaml', read({}));
    expect(result.ok).toBe(false);
    const problems = result.ok ? [] : result.problems;
    for (const reason of reasons) expect(problems.some((p) => reason.test(p))).toBe(true);
  });
});

describe('page data never breaks validation', () => {
  it('an expect rule over a key with a lone surrogate gives a finding, not an exception', async () => {
    const { validateCall } = await import('./validate-call');
    const { matchEdgeUrl } = await import('../edge/endpoint');
    const read = parsePlan(
      'name: P\nrules:\n  - id: data-strings\n    expect: { properties: { data: { additionalProperties: { type: string } } } }\n',
      'p.yaml',
    );
    if (!read.ok) throw new Error(read.problems.join());
    const url = 'https://edge.adobedc.net/ee/v1/interact?configId=ds&requestId=r';
    const text = '{"events":[{"data":{"\\ud800":1}}]}';
    const validation = validateCall(read.plan, { url, endpoint: matchEdgeUrl(url)! }, text);
    expect(validation.events[0]?.findings[0]).toMatchObject({
      rule: 'data-strings',
      status: 'fail',
    });
  });
});

describe('parseStructured', () => {
  it('reads JSON as JSON and YAML as YAML, with the same values', () => {
    expect(parseStructured('{"a": [1, "x", null, true], "b": {"c": 1.5}}', 's.json')).toEqual({
      ok: true,
      value: { a: [1, 'x', null, true], b: { c: 1.5 } },
    });
    expect(parseStructured('a: [1, x]\nb: { c: 1.5 }\n', 'p.yaml')).toEqual({
      ok: true,
      value: { a: [1, 'x'], b: { c: 1.5 } },
    });
  });

  it('locates the mistake in JSON that does not parse, as the YAML reader does', () => {
    const result = parseStructured('{\n  "a": 1,\n  "b": [1, 2\n}', 'schema.json');
    expect(result.ok).toBe(false);
    expect(!result.ok && result.problems[0]).toMatch(/^schema\.json:\d+:\d+: /);
  });

  it("gives a JSON file's repeated key the JSON meaning (the last counts); YAML refuses it", () => {
    expect(parseStructured('{"a": 1, "a": 2}', 's.json')).toEqual({ ok: true, value: { a: 2 } });
    expect(parseStructured('a: 1\na: 2\n', 'p.yaml').ok).toBe(false);
  });

  it('reads any JSON object as the YAML reader would (property)', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (object) => {
        const text = JSON.stringify(object, null, 1);
        const viaYaml = parseDocument(text, { uniqueKeys: true }).toJS({ maxAliasCount: 100 });
        expect(parseStructured(text, 'x.json')).toEqual({ ok: true, value: viaYaml });
      }),
      { numRuns: 200 },
    );
  });
});
