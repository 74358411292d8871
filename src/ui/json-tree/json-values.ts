/**
 * Reading parsed JSON for the tree without trusting it: own properties only (a `__proto__` key
 * is data), children by position so huge arrays are never copied, and object keys listed once per
 * object (cached), however often a render asks.
 */
import type { PathKey } from './json-path';

export type JsonKind = 'object' | 'array' | 'string' | 'number' | 'boolean' | 'null' | 'other';

export function kindOf(value: unknown): JsonKind {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  switch (typeof value) {
    case 'object':
      return 'object';
    case 'string':
      return 'string';
    case 'number':
      return 'number';
    case 'boolean':
      return 'boolean';
    default:
      return 'other';
  }
}

const keyCache = new WeakMap<object, readonly string[]>();

function objectKeys(value: object): readonly string[] {
  let keys = keyCache.get(value);
  if (keys === undefined) {
    keys = Object.keys(value);
    keyCache.set(value, keys);
  }
  return keys;
}

/** How many children a value has (0 for primitives). */
export function childCount(value: unknown): number {
  if (Array.isArray(value)) return value.length;
  if (typeof value === 'object' && value !== null) return objectKeys(value).length;
  return 0;
}

/** The key of the child at `position`: the index for arrays, the own key for objects. */
export function keyAt(value: unknown, position: number): PathKey {
  if (Array.isArray(value) || typeof value !== 'object' || value === null) return position;
  return objectKeys(value)[position] ?? position;
}

/** The child at `position`, read as an own property. */
export function valueAt(value: unknown, position: number): unknown {
  if (Array.isArray(value)) return value[position] as unknown;
  if (typeof value !== 'object' || value === null) return undefined;
  const key = objectKeys(value)[position];
  if (key === undefined || !Object.hasOwn(value, key)) return undefined;
  return (value as Record<string, unknown>)[key];
}
