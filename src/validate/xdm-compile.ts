/**
 * Compiles a schema once into a tree of plain data the checker walks (xdm-node.ts): fields in a
 * Map, items, and what keys outside `properties` may be.
 *
 * Two flavours share it. An xed-full schema (the Schema Registry's resolved export: some node has
 * `meta:xdmType`) has closed objects, except maps; a `$ref` or `allOf` there means the export was
 * not the resolved one. A plain JSON Schema keeps JSON Schema's meaning: objects are open unless
 * `additionalProperties` is false; the keywords this compiler does not interpret (`$ref`, `anyOf`,
 * …) are listed in `unsupported`, their subschemas still checked for shape, and the caller
 * validates with @cfworker/json-schema instead. Problems name the place by JSON pointer.
 */
import { isRecord } from '../edge/read';
import { OBJECT } from './xdm-formats';
import { readKeywords, type XdmNode } from './xdm-node';

export type { XdmNode } from './xdm-node';

export interface Compiled {
  root: XdmNode;
  xed: boolean;
  problems: string[];
  /** Pointers to keywords only a full JSON Schema validator interprets. */
  unsupported: string[];
}

/** Keywords holding one subschema, a list of them, or a map of them (checked for shape only). */
const ONE = ['not', 'if', 'then', 'else', 'contains', 'propertyNames', 'additionalItems'];
const ONE_MORE = ['unevaluatedProperties', 'unevaluatedItems'];
const LISTS = ['allOf', 'anyOf', 'oneOf', 'prefixItems'];
const MAPS = ['patternProperties', 'dependentSchemas', '$defs', 'definitions'];
/** Keywords this compiler leaves to a full validator (`then`/`else` only matter with `if`). */
const UNSUPPORTED = [
  ...LISTS,
  ...ONE.filter((key) => key !== 'then' && key !== 'else'),
  ...ONE_MORE,
  'patternProperties',
  'dependentSchemas',
  '$ref',
  '$dynamicRef',
  '$recursiveRef',
  'dependencies',
  'dependentRequired',
  'minProperties',
  'maxProperties',
];

const MAX_DEPTH = 100;
const ANY: XdmNode = { bits: 0, typeText: 'any value', additional: true };
const NEVER: XdmNode = { bits: 0, typeText: 'nothing here', never: true, additional: true };

interface Context {
  xed: boolean;
  problems: string[];
  unsupported: string[];
}

/** True when some node of the schema states a `meta:xdmType` (an explicit stack: no recursion). */
export function isXed(schema: unknown): boolean {
  const stack: unknown[] = [schema];
  while (stack.length > 0) {
    const node = stack.pop();
    const values = Array.isArray(node) ? node : isRecord(node) ? Object.values(node) : [];
    if (isRecord(node) && typeof node['meta:xdmType'] === 'string') return true;
    for (const value of values) if (typeof value === 'object' && value !== null) stack.push(value);
  }
  return false;
}

export function compileSchema(schema: unknown): Compiled {
  const context: Context = { xed: isXed(schema), problems: [], unsupported: [] };
  if (!isRecord(schema)) {
    return { root: ANY, ...context, problems: ['The schema is not a JSON object.'] };
  }
  const root = compileNode(schema, '#', context, 0);
  return { root, ...context };
}

const escape = (key: string) => key.replaceAll('~', '~0').replaceAll('/', '~1');

function compileNode(raw: unknown, at: string, context: Context, depth: number): XdmNode {
  if (raw === true) return ANY;
  if (raw === false) return NEVER;
  const { problems } = context;
  if (!isRecord(raw)) {
    problems.push(`${at}: a schema must be an object or a boolean, not ${kind(raw)}.`);
    return ANY;
  }
  if (depth > MAX_DEPTH) {
    problems.push(`${at}: nested more than ${MAX_DEPTH} levels deep.`);
    return ANY;
  }
  const child = (value: unknown, where: string) => compileNode(value, where, context, depth + 1);
  const node = readKeywords(raw, at, problems);
  for (const keyword of UNSUPPORTED) {
    if (Object.hasOwn(raw, keyword)) context.unsupported.push(`${at}/${keyword}`);
  }
  subschemas(raw, at, context, child);

  const properties = schemaMap(raw, 'properties', at, problems, child);
  if (properties) node.properties = properties;
  if (Object.hasOwn(raw, 'required')) {
    const { required } = raw;
    if (!Array.isArray(required) || !required.every((name) => typeof name === 'string')) {
      problems.push(`${at}/required: must be an array of field names.`);
    } else if (required.length > 0) node.required = required;
  }
  const additional = raw.additionalProperties;
  if (isRecord(additional)) node.additional = child(additional, `${at}/additionalProperties`);
  else if (additional === false) node.additional = false;
  else if (additional !== undefined && additional !== true) {
    problems.push(`${at}/additionalProperties: must be a boolean or a schema.`);
  } else if (context.xed && additional === undefined && raw['meta:xdmType'] !== 'map') {
    // xed-full: an object is closed; a node that states no type and no fields takes anything.
    node.additional = !(node.bits & OBJECT || node.properties);
  }
  if (Array.isArray(raw.items)) {
    context.unsupported.push(`${at}/items`);
    raw.items.forEach((item, i) => child(item, `${at}/items/${i}`));
  } else if (Object.hasOwn(raw, 'items')) node.items = child(raw.items, `${at}/items`);
  if (raw.uniqueItems === true) node.uniqueItems = true;
  return node;
}

const kind = (value: unknown) =>
  value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value;

type Child = (value: unknown, where: string) => XdmNode;

function schemaMap(
  raw: Record<string, unknown>,
  key: string,
  at: string,
  problems: string[],
  child: Child,
): Map<string, XdmNode> | undefined {
  if (!Object.hasOwn(raw, key)) return undefined;
  const map = raw[key];
  if (!isRecord(map)) {
    problems.push(`${at}/${key}: must be an object of name → schema, not ${kind(map)}.`);
    return undefined;
  }
  const out = new Map<string, XdmNode>();
  for (const [name, value] of Object.entries(map)) {
    out.set(name, child(value, `${at}/${key}/${escape(name)}`));
  }
  return out;
}

/** The shapes of what only the full validator interprets: a malformed one is refused now. */
function subschemas(raw: Record<string, unknown>, at: string, context: Context, child: Child) {
  const { problems } = context;
  for (const key of [...ONE, ...ONE_MORE]) {
    if (Object.hasOwn(raw, key)) child(raw[key], `${at}/${key}`);
  }
  for (const key of LISTS) {
    if (!Object.hasOwn(raw, key)) continue;
    const list = raw[key];
    if (!Array.isArray(list)) problems.push(`${at}/${key}: must be an array of schemas.`);
    else list.forEach((item, i) => child(item, `${at}/${key}/${i}`));
  }
  for (const key of MAPS) schemaMap(raw, key, at, problems, child);
  for (const key of ['$ref', '$dynamicRef', '$recursiveRef']) {
    if (Object.hasOwn(raw, key) && typeof raw[key] !== 'string') {
      problems.push(`${at}/${key}: must be a URI reference (a string).`);
    }
  }
}
