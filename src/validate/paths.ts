/**
 * Dotted paths into an event object (`xdm.web.webPageDetails.name`, `xdm.productListItems.0.SKU`)
 * and the literal-or-/regex/ values of a plan's `when` and `match`. Own properties only: a path
 * never reaches a prototype.
 */
import { isRecord } from '../edge/read';
import { jsonText } from './xdm-text';

/** Paths come from plans (a few hundred at most): each is split once. */
const SPLIT_KEPT = 1_000;
const split = new Map<string, readonly string[]>();

function keysOf(path: string): readonly string[] {
  let keys = split.get(path);
  if (!keys) {
    if (split.size >= SPLIT_KEPT) split.clear();
    keys = path.split('.');
    split.set(path, keys);
  }
  return keys;
}

/** The value at `path`, or undefined. Array items by index. */
export function valueAt(root: unknown, path: string): unknown {
  let current = root;
  for (const key of keysOf(path)) {
    if (Array.isArray(current) && /^\d+$/.test(key)) current = current[Number(key)];
    else if (isRecord(current) && Object.hasOwn(current, key)) current = current[key];
    else return undefined;
  }
  return current;
}

/** Present and not empty: not undefined or null, not blank text, not [] and not {}. */
export function isPresent(value: unknown): boolean {
  if (value === undefined || value === null) return false;
  if (typeof value === 'string') return value.trim() !== '';
  if (Array.isArray(value)) return value.length > 0;
  if (isRecord(value)) return Object.keys(value).length > 0;
  return true;
}

/** A `when`/`match` value: a literal compared for equality, or a `/regex/flags` over text. */
export type Expectation = { literal: string | number | boolean | null } | { regex: RegExp };

const REGEX = /^\/(.*)\/([dgimsuvy]*)$/s;

/** Reads one expectation; a string that looks like `/…/` must compile. */
export function expectationOf(
  value: unknown,
): { ok: true; expectation: Expectation } | { ok: false; problem: string } {
  if (typeof value === 'string') {
    const regex = REGEX.exec(value);
    if (regex) {
      try {
        return { ok: true, expectation: { regex: new RegExp(regex[1] ?? '', regex[2]) } };
      } catch (error) {
        return { ok: false, problem: `bad regex ${value}: ${(error as Error).message}` };
      }
    }
    return { ok: true, expectation: { literal: value } };
  }
  if (typeof value === 'number' || typeof value === 'boolean' || value === null)
    return { ok: true, expectation: { literal: value } };
  return { ok: false, problem: `expected a literal or a /regex/, got ${describe(value)}` };
}

export function holds(expectation: Expectation, value: unknown): boolean {
  if ('regex' in expectation) {
    if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean')
      return false;
    expectation.regex.lastIndex = 0;
    return expectation.regex.test(String(value));
  }
  return value === expectation.literal;
}

export function expectationText(expectation: Expectation): string {
  return 'regex' in expectation ? String(expectation.regex) : JSON.stringify(expectation.literal);
}

export function describe(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (value === null) return 'null';
  return typeof value === 'object' ? 'an object' : `${typeof value} ${jsonText(value)}`;
}
