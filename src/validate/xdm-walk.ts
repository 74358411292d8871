/**
 * Walks one event's `xdm` along a compiled schema (xdm-compile.ts) and words what does not hold as
 * findings. Only the schema's depth is walked: an unknown field is reported, not entered, so a
 * deeply nested value costs nothing. The path is a stack of segments, joined only for a finding.
 */
import { deepCompareStrict, ucs2length } from '@cfworker/json-schema';
import { isRecord } from '../edge/read';
import type { Finding, FindingStatus } from './types';
import type { XdmNode } from './xdm-compile';
import { formatText, valueBits } from './xdm-formats';
import { closest, jsonText, listText, pathText } from './xdm-text';

/** Past this many findings an event's list ends with one that counts the rest. */
export const MAX_FINDINGS = 100;
/** Fields the Web SDK or the Edge Network fill for every event: missing, they are only `info`. */
export const FILLED_LATER: ReadonlySet<string> = new Set(['_id', 'timestamp']);
const RANK: Record<FindingStatus, number> = { pass: 0, info: 1, warn: 2, fail: 3 };

interface Walk {
  xed: boolean;
  path: (string | number)[];
  findings: Finding[];
  dropped: number;
  worstDropped: FindingStatus;
}

export function walkXdm(root: XdmNode, xed: boolean, xdm: unknown): Finding[] {
  const walk: Walk = { xed, path: [], findings: [], dropped: 0, worstDropped: 'info' };
  visit(root, xdm, walk);
  if (walk.dropped > 0) {
    walk.findings.push({
      rule: 'schema',
      status: walk.worstDropped,
      path: 'xdm',
      message: `${walk.dropped} more schema findings are not listed.`,
    });
  }
  return walk.findings;
}

function report(
  walk: Walk,
  status: FindingStatus,
  expected: string,
  actual: string,
  message: string,
) {
  if (walk.findings.length >= MAX_FINDINGS) {
    walk.dropped++;
    if (RANK[status] > RANK[walk.worstDropped]) walk.worstDropped = status;
    return;
  }
  const path = pathText(walk.path);
  walk.findings.push({
    rule: 'schema',
    status,
    path,
    expected,
    actual,
    message: `${path} ${message}`,
  });
}

function visit(node: XdmNode, value: unknown, walk: Walk): void {
  if (node.never) {
    report(walk, 'fail', node.typeText, jsonText(value), 'is not allowed by the schema.');
    return;
  }
  // An xed field may be null: the data lake stores every optional field as nullable.
  if (value === null && walk.xed) return;
  const bits = valueBits(value);
  if (node.bits !== 0 && (node.bits & bits) === 0) {
    const actual = jsonText(value);
    report(walk, 'fail', node.typeText, actual, `should be ${node.typeText}, not ${actual}.`);
    return;
  }
  const before = walk.findings.length + walk.dropped;
  if (typeof value === 'number') checkNumber(node, value, walk);
  else if (typeof value === 'string') checkString(node, value, walk);
  else if (Array.isArray(value)) checkArray(node, value, walk);
  else if (isRecord(value)) checkObject(node, value, walk);
  // A value that already failed (a bad URI, say) is not also "not a known value".
  if (node.enumSet || (node.softEnum && walk.findings.length + walk.dropped === before)) {
    checkEnum(node, value, walk);
  }
}

function checkNumber(node: XdmNode, value: number, walk: Walk) {
  const { width } = node;
  if (width && (value < width.min! || value > width.max!)) {
    report(walk, 'fail', width.text, jsonText(value), `is out of range for ${width.text}.`);
    return;
  }
  const bound = (holds: boolean, expected: string) => {
    if (!holds) report(walk, 'fail', expected, jsonText(value), `should be ${expected}.`);
  };
  if (node.minimum !== undefined) bound(value >= node.minimum, `≥ ${node.minimum}`);
  if (node.maximum !== undefined) bound(value <= node.maximum, `≤ ${node.maximum}`);
  if (node.exclusiveMinimum !== undefined) {
    bound(value > node.exclusiveMinimum, `> ${node.exclusiveMinimum}`);
  }
  if (node.exclusiveMaximum !== undefined) {
    bound(value < node.exclusiveMaximum, `< ${node.exclusiveMaximum}`);
  }
  if (node.multipleOf !== undefined) {
    const quotient = value / node.multipleOf;
    bound(Math.abs(quotient - Math.round(quotient)) < 1e-9, `a multiple of ${node.multipleOf}`);
  }
}

function checkString(node: XdmNode, value: string, walk: Walk) {
  const length =
    node.minLength !== undefined || node.maxLength !== undefined ? ucs2length(value) : 0;
  const fail = (expected: string, message: string) =>
    report(walk, 'fail', expected, jsonText(value), message);
  if (node.minLength !== undefined && length < node.minLength) {
    fail(`at least ${node.minLength} characters`, `is too short (${length} characters).`);
  }
  if (node.maxLength !== undefined && length > node.maxLength) {
    fail(`at most ${node.maxLength} characters`, `is too long (${length} characters).`);
  }
  if (node.pattern && !node.pattern.regex.test(value)) {
    fail(`a match for /${node.pattern.source}/`, 'does not match the pattern.');
  }
  if (node.format && !node.format.check(value)) {
    fail(formatText(node.format.name), `is not a valid ${node.format.name}.`);
  }
}

function checkArray(node: XdmNode, value: readonly unknown[], walk: Walk) {
  const fail = (expected: string, message: string) =>
    report(walk, 'fail', expected, `${value.length} items`, message);
  if (node.minItems !== undefined && value.length < node.minItems) {
    fail(`at least ${node.minItems} items`, `has too few items (${value.length}).`);
  }
  if (node.maxItems !== undefined && value.length > node.maxItems) {
    fail(`at most ${node.maxItems} items`, `has too many items (${value.length}).`);
  }
  if (node.uniqueItems && !unique(value)) fail('unique items', 'has duplicate items.');
  const { items } = node;
  if (!items) return;
  for (let i = 0; i < value.length; i++) {
    walk.path.push(i);
    visit(items, value[i], walk);
    walk.path.pop();
  }
}

function unique(value: readonly unknown[]): boolean {
  const limit = Math.min(value.length, 1000);
  for (let i = 0; i < limit; i++) {
    for (let j = i + 1; j < limit; j++) if (deepCompareStrict(value[i], value[j])) return false;
  }
  return true;
}

function checkObject(node: XdmNode, value: Record<string, unknown>, walk: Walk) {
  const { properties, additional } = node;
  for (const key of Object.keys(value)) {
    const field = properties?.get(key);
    const child = field ?? (additional === false ? undefined : additional);
    walk.path.push(key);
    if (child === undefined) unknownField(node, key, value[key], walk);
    else if (child !== true) visit(child, value[key], walk);
    walk.path.pop();
  }
  for (const name of node.required ?? []) {
    if (Object.hasOwn(value, name) && !(walk.xed && value[name] === null)) continue;
    const filledLater = walk.path.length === 0 && FILLED_LATER.has(name);
    walk.path.push(name);
    const message = filledLater
      ? 'is required by the schema; the Web SDK and the Edge Network fill it for each event.'
      : 'is required by the schema and missing.';
    report(walk, filledLater ? 'info' : 'fail', 'a value (required)', '(missing)', message);
    walk.path.pop();
  }
}

function unknownField(node: XdmNode, key: string, value: unknown, walk: Walk) {
  const fields = [...(node.properties?.keys() ?? [])];
  const match = closest(key, fields);
  const hint = match ? ` Did you mean "${match}"?` : '';
  const known = matchFirst(fields, match);
  const expected = known.length > 0 ? `one of the defined fields: ${listText(known)}` : 'no fields';
  report(walk, 'fail', expected, jsonText(value), `is not a field of the schema.${hint}`);
}

function checkEnum(node: XdmNode, value: unknown, walk: Walk) {
  const { enumSet, enumValues, softEnum } = node;
  if (enumValues && enumSet) {
    if (enumSet.has(value)) return;
    if (typeof value === 'object' && enumValues.some((v) => deepCompareStrict(v, value))) return;
    const texts = enumValues.filter((v): v is string => typeof v === 'string');
    const match = typeof value === 'string' ? closest(value, texts) : undefined;
    const hint = match ? ` Did you mean "${match}"?` : '';
    const expected = `one of ${listText(matchFirst(enumValues, match))}`;
    report(walk, 'fail', expected, jsonText(value), `is not one of the allowed values.${hint}`);
    return;
  }
  if (!softEnum || (typeof value !== 'string' && typeof value !== 'number')) return;
  const text = String(value);
  if (softEnum.has(text)) return;
  const match = closest(text, softEnum);
  const hint = match ? ` Did you mean "${match}"?` : '';
  const known = listText(matchFirst([...softEnum], match));
  const expected = `one of the ${softEnum.size} known values (others are allowed): ${known}`;

  report(walk, 'warn', expected, jsonText(value), `is not a known value.${hint}`);
}

/** The list with the close match first, so that a cut list still shows it. */
function matchFirst<T>(values: readonly T[], match: T | undefined): readonly T[] {
  return match === undefined ? values : [match, ...values.filter((value) => value !== match)];
}
