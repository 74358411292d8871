/**
 * The tracking plan file (docs/tracking-plan.md): YAML or JSON, read into a checked Plan, or
 * refused with every problem listed. Pure: the caller reads files (the extension from what the
 * user picked, the command line from disk) and passes a reader for the plan's `schema:` path.
 */
import { LineCounter, parseDocument } from 'yaml';
import { isRecord } from '../edge/read';
import { expectationOf, type Expectation } from './paths';
import { schemaProblems } from './schema-check';
import { loadXdmSchema, type XdmSchema } from './xdm-schema';

export type Severity = 'error' | 'warning';

export interface Rule {
  id: string;
  description?: string;
  when: Array<{ path: string; expectation: Expectation }>;
  require: string[];
  match: Array<{ path: string; expectation: Expectation }>;
  /** A JSON Schema (2020-12) the event object must satisfy. */
  expect?: Record<string, unknown> | boolean;
  severity: Severity;
}

export interface Plan {
  name: string;
  rules: Rule[];
  /** The `schema:` path as written, and the schema read from it. */
  schemaPath?: string;
  schema?: XdmSchema;
  /**
   * Names this exact plan (a hash of its files, set by stored-plan.ts): a stored verdict with the
   * same id needs no second run, so a worker that wakes up does not validate everything again.
   */
  id?: string;
}

export type PlanResult = { ok: true; plan: Plan } | { ok: false; problems: string[] };

/** Reads a file named relative to the plan; undefined when it cannot be read. */
export type ReadRelative = (path: string) => string | undefined;

/** `text` as JSON when it is an object or array in JSON; else not ok (let YAML read it). */
function asJson(text: string): { ok: true; value: unknown } | { ok: false } {
  if (!/^\s*[[{]/.test(text)) return { ok: false };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}

const PLAN_KEYS = new Set(['name', 'schema', 'rules', 'description', 'version']);
const RULE_KEYS = new Set(['id', 'description', 'when', 'require', 'match', 'expect', 'severity']);

/**
 * Parses YAML or JSON text (JSON is YAML) into a value, or the syntax errors with line:column.
 * Valid JSON goes to `JSON.parse`: the YAML parser took about 300 ms for the 480-field XDM schema,
 * on the viewer's thread and the worker's at every plan change (BENCHMARKS.md, "A plan change
 * (stop 17)"), against a few milliseconds. A JSON file's repeated key then means what it means to
 * JSON (the last one counts), where YAML refuses it; anything that is not valid JSON (YAML, or
 * JSON with a mistake) is read as YAML, with its errors located.
 */
export function parseStructured(
  text: string,
  fileName: string,
): { ok: true; value: unknown } | { ok: false; problems: string[] } {
  const json = asJson(text);
  if (json.ok) return json;
  const lines = new LineCounter();
  const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: true, lineCounter: lines });
  if (doc.errors.length) {
    return {
      ok: false,
      problems: doc.errors.map((error) => {
        const at = error.linePos?.[0] ?? lines.linePos(error.pos[0]);
        const where = at ? `${fileName}:${at.line}:${at.col}` : fileName;
        return `${where}: ${error.message.split('\n')[0] ?? error.code}`;
      }),
    };
  }
  return { ok: true, value: doc.toJS({ maxAliasCount: 100 }) as unknown };
}

function conditions(
  value: unknown,
  where: string,
  problems: string[],
): Array<{ path: string; expectation: Expectation }> {
  if (value === undefined) return [];
  if (!isRecord(value)) {
    problems.push(`${where}: must map dotted paths to a literal or a /regex/`);
    return [];
  }
  const out: Array<{ path: string; expectation: Expectation }> = [];
  for (const [path, raw] of Object.entries(value)) {
    const read = expectationOf(raw);
    if (read.ok) out.push({ path, expectation: read.expectation });
    else problems.push(`${where}.${path}: ${read.problem}`);
  }
  return out;
}

function ruleOf(
  value: unknown,
  index: number,
  problems: string[],
  ids: Set<string>,
): Rule | undefined {
  const at = `rules[${index}]`;
  if (!isRecord(value)) {
    problems.push(`${at}: a rule must be a mapping`);
    return undefined;
  }
  for (const key of Object.keys(value))
    if (!RULE_KEYS.has(key)) problems.push(`${at}: unknown key "${key}"`);
  const id = value.id;
  if (typeof id !== 'string' || id.trim() === '') problems.push(`${at}: a rule needs an id`);
  else if (id === 'schema') problems.push(`${at}: the id "schema" is kept for the XDM schema`);
  else if (ids.has(id)) problems.push(`${at}: duplicate id "${id}"`);
  else ids.add(id);
  const where = typeof id === 'string' && id ? `rule ${id}` : at;
  const severity = value.severity ?? 'error';
  if (severity !== 'error' && severity !== 'warning')
    problems.push(`${where}: severity must be error or warning, not ${JSON.stringify(severity)}`);
  const require = value.require ?? [];
  if (!Array.isArray(require) || !require.every((p) => typeof p === 'string' && p !== ''))
    problems.push(`${where}: require must be a list of dotted paths`);
  if (value.expect !== undefined)
    for (const problem of schemaProblems(value.expect, 'expect'))
      problems.push(`${where}: invalid JSON Schema: ${problem}`);
  const rule: Rule = {
    id: typeof id === 'string' ? id : '',
    when: conditions(value.when, `${where}: when`, problems),
    require: Array.isArray(require)
      ? require.filter((p): p is string => typeof p === 'string')
      : [],
    match: conditions(value.match, `${where}: match`, problems),
    severity: severity === 'warning' ? 'warning' : 'error',
  };
  if (typeof value.description === 'string') rule.description = value.description;
  if (isRecord(value.expect) || typeof value.expect === 'boolean') rule.expect = value.expect;
  if (!rule.require.length && !rule.match.length && rule.expect === undefined)
    problems.push(`${where}: checks nothing (give it require, match or expect)`);
  return rule;
}

/** Reads a plan; every problem is listed, and nothing half-read is returned. */
export function parsePlan(text: string, fileName: string, read?: ReadRelative): PlanResult {
  const parsed = parseStructured(text, fileName);
  if (!parsed.ok) return parsed;
  const value = parsed.value;
  if (!isRecord(value)) return { ok: false, problems: [`${fileName}: a plan must be a mapping`] };
  const problems: string[] = [];
  for (const key of Object.keys(value))
    if (!PLAN_KEYS.has(key)) problems.push(`unknown key "${key}"`);
  if (typeof value.name !== 'string' || value.name.trim() === '')
    problems.push('a plan needs a name');
  const ids = new Set<string>();
  if (!Array.isArray(value.rules)) problems.push('rules must be a list');
  const rules = Array.isArray(value.rules)
    ? value.rules.map((rule, i) => ruleOf(rule, i, problems, ids))
    : [];
  const plan: Plan = {
    name: typeof value.name === 'string' ? value.name : '',
    rules: rules.filter((rule): rule is Rule => rule !== undefined),
  };
  if (value.schema !== undefined) {
    if (typeof value.schema !== 'string') problems.push('schema must be a path');
    else {
      plan.schemaPath = value.schema;
      const schema = readSchema(value.schema, read, problems);
      if (schema) plan.schema = schema;
    }
  }
  return problems.length ? { ok: false, problems } : { ok: true, plan };
}

function readSchema(path: string, read: ReadRelative | undefined, problems: string[]) {
  const text = read?.(path);
  if (text === undefined) {
    problems.push(`schema ${path}: the file cannot be read`);
    return undefined;
  }
  const parsed = parseStructured(text, path);
  if (!parsed.ok) {
    problems.push(...parsed.problems.map((p) => `schema ${p}`));
    return undefined;
  }
  const loaded = loadXdmSchema(parsed.value);
  if (!loaded.ok) {
    problems.push(...loaded.problems.map((p) => `schema ${path}: ${p}`));
    return undefined;
  }
  return loaded.schema;
}
