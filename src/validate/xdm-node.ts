/**
 * One compiled schema node, and the readers of its own keywords: the accepted JSON types (from
 * `meta:xdmType` first, then `type`), numeric bounds, length, pattern, format, `enum`, `const` and
 * the soft `meta:enum`. A malformed keyword adds a problem, named by its JSON pointer.
 */
import { isRecord } from '../edge/read';
import { bitsText, formatCheck, JSON_TYPES, XDM_TYPES, type XdmType } from './xdm-formats';

export interface XdmNode {
  /** Accepted JSON types (`xdm-formats` bits); 0: any. */
  bits: number;
  /** What a value must be, for `expected`: `short (an integer from -32768 to 32767)`. */
  typeText: string;
  /** The boolean schema `false`: no value is allowed. */
  never?: boolean;
  /** The XDM integer width's range (long, int, short, byte). */
  width?: XdmType;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  multipleOf?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: { source: string; regex: RegExp };
  format?: { name: string; check: (text: string) => boolean };
  /** `enum` or `const`: primitives in a Set, every value in a list (for objects, and words). */
  enumSet?: ReadonlySet<unknown>;
  enumValues?: readonly unknown[];
  /** `meta:enum` without `enum`: known values; others are allowed, with a warning. */
  softEnum?: ReadonlySet<string>;
  properties?: ReadonlyMap<string, XdmNode>;
  required?: readonly string[];
  /** Keys not in `properties`: false, an unknown field; true, anything; a node, checked by it. */
  additional: boolean | XdmNode;
  items?: XdmNode;
  minItems?: number;
  maxItems?: number;
  uniqueItems?: boolean;
}

/** Reads the keywords that constrain the value itself (not its fields or items). */
export function readKeywords(
  raw: Record<string, unknown>,
  at: string,
  problems: string[],
): XdmNode {
  const node: XdmNode = { ...typeOf(raw, at, problems), additional: true };
  numbers(raw, node, at, problems);
  strings(raw, node, at, problems);
  enums(raw, node, at, problems);
  return node;
}

function typeOf(raw: Record<string, unknown>, at: string, problems: string[]) {
  const xdmType = raw['meta:xdmType'];
  if (xdmType !== undefined && typeof xdmType !== 'string') {
    problems.push(`${at}/meta:xdmType: must be a string.`);
  }
  const type = raw.type;
  const names = typeof type === 'string' ? [type] : Array.isArray(type) ? type : undefined;
  let bits = 0;
  if (type !== undefined && names === undefined) {
    problems.push(`${at}/type: must be a type name or an array of them.`);
  }
  for (const name of names ?? []) {
    if (typeof name === 'string' && Object.hasOwn(JSON_TYPES, name)) bits |= JSON_TYPES[name]!;
    else problems.push(`${at}/type: ${JSON.stringify(name)} is not a JSON Schema type.`);
  }
  const known = typeof xdmType === 'string' && Object.hasOwn(XDM_TYPES, xdmType);
  if (known) {
    const width = XDM_TYPES[xdmType]!;
    return {
      bits: width.bits,
      typeText: width.text,
      ...(width.min !== undefined ? { width } : {}),
    };
  }
  return { bits, typeText: bits ? bitsText(bits) : 'any value' };
}

function number(raw: Record<string, unknown>, key: string, at: string, problems: string[]) {
  const value = raw[key];
  if (value === undefined || typeof value === 'boolean') return undefined;
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  problems.push(`${at}/${key}: must be a number.`);
  return undefined;
}

function count(raw: Record<string, unknown>, key: string, at: string, problems: string[]) {
  const value = number(raw, key, at, problems);
  if (value === undefined || (Number.isInteger(value) && value >= 0)) return value;
  problems.push(`${at}/${key}: must be a whole number, 0 or more.`);
  return undefined;
}

function numbers(raw: Record<string, unknown>, node: XdmNode, at: string, problems: string[]) {
  const set = (key: keyof XdmNode, value: number | undefined) => {
    if (value !== undefined) Object.assign(node, { [key]: value });
  };
  const minimum = number(raw, 'minimum', at, problems);
  const maximum = number(raw, 'maximum', at, problems);
  // Draft-04's boolean exclusiveMinimum/Maximum turn minimum/maximum exclusive.
  set(raw.exclusiveMinimum === true ? 'exclusiveMinimum' : 'minimum', minimum);
  set(raw.exclusiveMaximum === true ? 'exclusiveMaximum' : 'maximum', maximum);
  set('exclusiveMinimum', number(raw, 'exclusiveMinimum', at, problems));
  set('exclusiveMaximum', number(raw, 'exclusiveMaximum', at, problems));
  const multipleOf = number(raw, 'multipleOf', at, problems);
  if (multipleOf !== undefined && multipleOf <= 0) problems.push(`${at}/multipleOf: must be > 0.`);
  else set('multipleOf', multipleOf);
  for (const key of ['minLength', 'maxLength', 'minItems', 'maxItems'] as const) {
    set(key, count(raw, key, at, problems));
  }
}

function strings(raw: Record<string, unknown>, node: XdmNode, at: string, problems: string[]) {
  const { pattern } = raw;
  if (pattern !== undefined) {
    const regex = typeof pattern === 'string' ? toRegex(pattern) : undefined;
    if (regex) node.pattern = { source: pattern as string, regex };
    else problems.push(`${at}/pattern: not a regular expression.`);
  }
  const name = raw.format ?? xdmFormat(raw['meta:xdmType']);
  if (name !== undefined && typeof name !== 'string')
    problems.push(`${at}/format: must be a string.`);
  const check = typeof name === 'string' ? formatCheck(name) : undefined;
  if (check && typeof name === 'string') node.format = { name, check };
}

const xdmFormat = (xdmType: unknown) =>
  typeof xdmType === 'string' && Object.hasOwn(XDM_TYPES, xdmType)
    ? XDM_TYPES[xdmType]!.format
    : undefined;

function toRegex(source: string): RegExp | undefined {
  for (const flags of ['u', '']) {
    try {
      return new RegExp(source, flags);
    } catch {
      // Not valid with these flags: try the next.
    }
  }
  return undefined;
}

function enums(raw: Record<string, unknown>, node: XdmNode, at: string, problems: string[]) {
  let values: unknown[] | undefined;
  const list = raw.enum;
  if (list !== undefined && !Array.isArray(list)) problems.push(`${at}/enum: must be an array.`);
  else if (list !== undefined) values = list;
  // `const` (alone, or with an enum: primitives are compared, which is what schemas use).
  if (Object.hasOwn(raw, 'const'))
    values = values ? values.filter((v) => v === raw.const) : [raw.const];
  if (values) {
    node.enumValues = values;
    node.enumSet = new Set(values.filter((value) => typeof value !== 'object' || value === null));
  }
  const soft = raw['meta:enum'];
  if (soft === undefined || values) return;
  if (isRecord(soft)) node.softEnum = new Set(Object.keys(soft));
  else if (Array.isArray(soft) && soft.every((value) => typeof value === 'string')) {
    node.softEnum = new Set(soft);
  } else problems.push(`${at}/meta:enum: must be an object of value → label.`);
}
