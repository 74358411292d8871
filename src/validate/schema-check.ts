/**
 * Is this a JSON Schema at all? A structural check of the keywords a plan's `expect` can use, so
 * that a typo is refused when the plan is loaded instead of silently passing every event.
 * (@cfworker/json-schema interprets schemas without checking them first.)
 */
import { Validator, type Schema } from '@cfworker/json-schema';
import { isRecord } from '../edge/read';

const TYPES = new Set(['array', 'boolean', 'integer', 'null', 'number', 'object', 'string']);
const SCHEMA_MAPS = ['properties', 'patternProperties', '$defs', 'definitions', 'dependentSchemas'];
const SCHEMA_LISTS = ['allOf', 'anyOf', 'oneOf', 'prefixItems'];
const SCHEMAS = [
  'not',
  'if',
  'then',
  'else',
  'items',
  'contains',
  'additionalProperties',
  'unevaluatedProperties',
  'unevaluatedItems',
  'propertyNames',
  'additionalItems',
];
const NUMBERS = [
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'multipleOf',
  'minLength',
  'maxLength',
  'minItems',
  'maxItems',
  'minProperties',
  'maxProperties',
];

export function schemaProblems(schema: unknown, at: string, depth = 0): string[] {
  if (typeof schema === 'boolean') return [];
  if (!isRecord(schema)) return [`${at}: a schema must be an object or a boolean`];
  if (depth > 64) return [`${at}: nested too deep`];
  const problems: string[] = [];
  const type = schema.type;
  const types = Array.isArray(type) ? type : type === undefined ? [] : [type];
  for (const t of types)
    if (typeof t !== 'string' || !TYPES.has(t))
      problems.push(`${at}.type: unknown type ${JSON.stringify(t)}`);
  if (
    schema.required !== undefined &&
    !(Array.isArray(schema.required) && schema.required.every((r) => typeof r === 'string'))
  )
    problems.push(`${at}.required: must be a list of property names`);
  if (schema.enum !== undefined && !Array.isArray(schema.enum))
    problems.push(`${at}.enum: must be a list`);
  for (const key of NUMBERS)
    if (
      schema[key] !== undefined &&
      typeof schema[key] !== 'number' &&
      typeof schema[key] !== 'boolean'
    )
      problems.push(`${at}.${key}: must be a number`);
  if (schema.pattern !== undefined) {
    try {
      new RegExp(String(schema.pattern), 'u');
    } catch (error) {
      problems.push(`${at}.pattern: ${(error as Error).message}`);
    }
    if (typeof schema.pattern !== 'string') problems.push(`${at}.pattern: must be text`);
  }
  for (const key of SCHEMA_MAPS) {
    const map = schema[key];
    if (map === undefined) continue;
    if (!isRecord(map)) problems.push(`${at}.${key}: must map names to schemas`);
    else
      for (const [name, sub] of Object.entries(map))
        problems.push(...schemaProblems(sub, `${at}.${key}.${name}`, depth + 1));
  }
  for (const key of SCHEMA_LISTS) {
    const list = schema[key];
    if (list === undefined) continue;
    if (!Array.isArray(list)) problems.push(`${at}.${key}: must be a list of schemas`);
    else
      list.forEach((sub, i) =>
        problems.push(...schemaProblems(sub, `${at}.${key}[${i}]`, depth + 1)),
      );
  }
  for (const key of SCHEMAS)
    if (schema[key] !== undefined)
      problems.push(...schemaProblems(schema[key], `${at}.${key}`, depth + 1));
  if (depth === 0 && !problems.length) {
    try {
      new Validator(schema as Schema, '2020-12', false).validate({});
    } catch (error) {
      problems.push(`${at}: ${(error as Error).message}`);
    }
  }
  return problems;
}
