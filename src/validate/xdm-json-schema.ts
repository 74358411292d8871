/**
 * The full JSON Schema path, for a plain JSON Schema that uses keywords xdm-compile.ts does not
 * interpret (`$ref`, `anyOf`, `if`, …): @cfworker/json-schema validates (it interprets the schema,
 * never compiles code, so the extension's CSP holds) and its output units become findings.
 */
import { dereference, validate, type Schema, type SchemaDraft } from '@cfworker/json-schema';
import { isRecord } from '../edge/read';
import type { Finding } from './types';
import { FILLED_LATER, MAX_FINDINGS } from './xdm-walk';
import { jsonText, pathText } from './xdm-text';

export interface FullSchema {
  schema: Schema;
  draft: SchemaDraft;
  lookup: Record<string, Schema | boolean>;
}

/** Keywords whose error only says that a subschema had errors: those follow, one by one. */
const CONTAINERS = new Set([
  '$ref',
  '$recursiveRef',
  'properties',
  'patternProperties',
  'additionalProperties',
  'unevaluatedProperties',
  'items',
  'prefixItems',
  'additionalItems',
  'unevaluatedItems',
  'allOf',
  'if',
  'dependentSchemas',
]);
/** Keywords whose values are data, not schemas: a `$ref` inside them is no reference. */
const DATA = new Set(['enum', 'const', 'default', 'examples']);

function draftOf(uri: unknown): SchemaDraft {
  const text = typeof uri === 'string' ? uri : '';
  if (text.includes('draft-04')) return '4';
  if (text.includes('draft-06') || text.includes('draft-07')) return '7';
  if (text.includes('2019-09')) return '2019-09';
  return '2020-12';
}

/** Prepares the schema (a copy: the library writes resolved URIs into it), or says why not. */
export function loadFull(raw: Record<string, unknown>): FullSchema | { problems: string[] } {
  try {
    const schema = structuredClone(raw) as Schema;
    const lookup = dereference(schema) as Record<string, Schema | boolean>;
    const problems: string[] = [];
    const stack: unknown[] = [schema];
    while (stack.length > 0) {
      const node = stack.pop();
      if (Array.isArray(node)) for (const item of node) stack.push(item);
      if (!isRecord(node)) continue;
      const ref = node.$ref;
      const absolute: unknown = (node as Schema).__absolute_ref__ ?? ref;
      if (
        typeof ref === 'string' &&
        typeof absolute === 'string' &&
        lookup[absolute] === undefined
      ) {
        problems.push(`$ref ${JSON.stringify(ref)} does not resolve inside the schema.`);
      }
      for (const [key, value] of Object.entries(node)) if (!DATA.has(key)) stack.push(value);
    }
    return problems.length > 0 ? { problems } : { schema, draft: draftOf(raw.$schema), lookup };
  } catch (error) {
    return { problems: [`The schema could not be prepared: ${String(error)}`] };
  }
}

/** `#/a/0/b` → segments, array indexes as numbers (read off the instance itself). */
function segmentsOf(pointer: string, instance: unknown): (string | number)[] {
  const segments: (string | number)[] = [];
  let current = instance;
  for (const raw of pointer.split('/').slice(1)) {
    let key = raw;
    try {
      key = decodeURI(raw).replaceAll('%23', '#');
    } catch {
      // Keep the encoded text.
    }
    key = key.replaceAll('~1', '/').replaceAll('~0', '~');
    if (Array.isArray(current)) {
      segments.push(Number(key));
      current = current[Number(key)];
    } else {
      segments.push(key);
      current = isRecord(current) && Object.hasOwn(current, key) ? current[key] : undefined;
    }
  }
  return segments;
}

function valueAt(instance: unknown, segments: readonly (string | number)[]): unknown {
  let current = instance;
  for (const segment of segments) {
    if (Array.isArray(current) && typeof segment === 'number') current = current[segment];
    else if (isRecord(current) && Object.hasOwn(current, segment)) current = current[segment];
    else return undefined;
  }
  return current;
}

/** The schema value a keyword location names, following `$ref`s through the lookup. */
function schemaAt(full: FullSchema, pointer: string): unknown {
  let current: unknown = full.schema;
  for (const segment of segmentsOf(pointer, undefined)) {
    if (segment === '$ref' && isRecord(current)) {
      const ref = (current as Schema).__absolute_ref__ ?? current.$ref;
      current = typeof ref === 'string' ? full.lookup[ref] : undefined;
    } else if (Array.isArray(current)) current = current[Number(segment)];
    else if (isRecord(current) && Object.hasOwn(current, segment)) current = current[segment];
    else return undefined;
  }
  return current;
}

export function checkFull(full: FullSchema, xdm: unknown): Finding[] {
  if (xdm === undefined) {
    return [
      {
        rule: 'schema',
        status: 'fail',
        path: 'xdm',
        actual: '(missing)',
        message: 'xdm is missing.',
      },
    ];
  }
  let errors;
  try {
    errors = validate(xdm, full.schema, full.draft, full.lookup, false).errors;
  } catch (error) {
    return [
      {
        rule: 'schema',
        status: 'fail',
        path: 'xdm',
        message: `The schema could not be applied: ${String(error)}`,
      },
    ];
  }
  const findings: Finding[] = [];
  const seen = new Set<string>();
  // An anyOf/oneOf error says it all: each alternative's own errors would only confuse.
  const alternatives: string[] = [];
  for (const unit of errors) {
    if (findings.length >= MAX_FINDINGS) {
      findings.push({
        rule: 'schema',
        status: 'fail',
        path: 'xdm',
        message: 'More schema findings are not listed.',
      });
      break;
    }
    if (CONTAINERS.has(unit.keyword)) continue;
    if (alternatives.some((at) => unit.keywordLocation.startsWith(at))) continue;
    if (unit.keyword === 'anyOf' || unit.keyword === 'oneOf') {
      alternatives.push(`${unit.keywordLocation}/`);
    }
    const segments = segmentsOf(unit.instanceLocation, xdm);
    const required =
      unit.keyword === 'required' ? /property "(.*)"\.$/.exec(unit.error)?.[1] : undefined;
    if (required !== undefined) segments.push(required);
    const path = pathText(segments);
    const key = `${path}\n${unit.keyword}\n${unit.error}`;
    if (seen.has(key)) continue;
    seen.add(key);
    if (required !== undefined) {
      const filledLater = segments.length === 1 && FILLED_LATER.has(required);
      const why = filledLater
        ? '; the Web SDK and the Edge Network fill it for each event.'
        : ' and missing.';
      findings.push({
        rule: 'schema',
        status: filledLater ? 'info' : 'fail',
        path,
        expected: 'a value (required)',
        actual: '(missing)',
        message: `${path} is required by the schema${why}`,
      });
      continue;
    }
    const forbidden = unit.keyword === 'false';
    const stated = forbidden ? undefined : schemaAt(full, unit.keywordLocation);
    const expected = forbidden
      ? 'nothing (not a field of the schema)'
      : stated === undefined
        ? unit.error
        : `${unit.keyword} ${jsonText(stated)}`;
    findings.push({
      rule: 'schema',
      status: 'fail',
      path,
      expected,
      actual: jsonText(valueAt(xdm, segments)),
      message: forbidden ? `${path} is not allowed by the schema.` : `${path}: ${unit.error}`,
    });
  }
  return findings;
}
