/**
 * A semantic diff of two JSON values, keyed by JSON path: formatting and key order never count,
 * and arrays whose items have an identity (a handle's `type`, a cookie entry's `key`) are lined
 * up by that identity rather than by position, so one inserted handle is one difference.
 * Pure and total: the rules say what is volatile and how items are keyed; nothing throws.
 */
import { isRecord } from '../edge/read';

export type PathSegment =
  | { kind: 'key'; key: string }
  | { kind: 'index'; index: number }
  /** An array item found by identity: `[type=state:store]`, the nth such item from 1. */
  | { kind: 'match'; field: string; value: string; occurrence: number };

export interface DiffEntry {
  path: string;
  segments: PathSegment[];
  change: 'added' | 'removed' | 'changed';
  before?: unknown;
  after?: unknown;
  /** Differs on every call by nature (timestamps, ids, cookie lifetimes): hidden by default. */
  volatile: boolean;
}

export interface DiffRules {
  /** How an item of the array at `segments` is identified, e.g. a handle by its `type`. */
  itemKey?(
    segments: readonly PathSegment[],
    item: unknown,
  ): { field: string; value: string } | undefined;
  volatile?(segments: readonly PathSegment[]): boolean;
}

/** Deeper than this, subtrees are compared whole (a hostile body cannot exhaust the stack). */
const MAX_DEPTH = 64;

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

export function renderPath(segments: readonly PathSegment[]): string {
  let out = '';
  for (const segment of segments) {
    if (segment.kind === 'index') out += `[${segment.index}]`;
    else if (segment.kind === 'match') {
      const nth = segment.occurrence > 1 ? `#${segment.occurrence}` : '';
      out += `[${segment.field}=${segment.value}${nth}]`;
    } else if (IDENTIFIER.test(segment.key)) out += out === '' ? segment.key : `.${segment.key}`;
    else out += `[${JSON.stringify(segment.key)}]`;
  }
  return out;
}

/** Equality of JSON values, whatever their key order. */
export function sameJson(a: unknown, b: unknown): boolean {
  try {
    return stableText(a) === stableText(b);
  } catch {
    return false; // too deep to compare: say it differs rather than throw
  }
}

function stableText(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    isRecord(v)
      ? Object.fromEntries(
          Object.keys(v)
            .sort()
            .map((k) => [k, v[k]]),
        )
      : v,
  );
}

class Differ {
  readonly entries: DiffEntry[] = [];
  constructor(private readonly rules: DiffRules) {}

  private push(
    segments: PathSegment[],
    change: DiffEntry['change'],
    before: unknown,
    after: unknown,
  ) {
    const entry: DiffEntry = {
      path: renderPath(segments),
      segments,
      change,
      volatile: this.rules.volatile?.(segments) ?? false,
    };
    if (change !== 'added') entry.before = before;
    if (change !== 'removed') entry.after = after;
    this.entries.push(entry);
  }

  walk(before: unknown, after: unknown, segments: PathSegment[]): void {
    if (segments.length >= MAX_DEPTH) {
      if (!sameJson(before, after)) this.push(segments, 'changed', before, after);
      return;
    }
    if (isRecord(before) && isRecord(after)) return this.objects(before, after, segments);
    if (Array.isArray(before) && Array.isArray(after)) return this.arrays(before, after, segments);
    if (!Object.is(before, after) && !sameJson(before, after))
      this.push(segments, 'changed', before, after);
  }

  private objects(
    before: Record<string, unknown>,
    after: Record<string, unknown>,
    at: PathSegment[],
  ) {
    for (const key of Object.keys(before)) {
      const next = [...at, { kind: 'key', key } as const];
      if (Object.hasOwn(after, key)) this.walk(before[key], after[key], next);
      else this.push(next, 'removed', before[key], undefined);
    }
    for (const key of Object.keys(after)) {
      if (!Object.hasOwn(before, key))
        this.push([...at, { kind: 'key', key }], 'added', undefined, after[key]);
    }
  }

  /** The identity of every item, or undefined when some item has none (then: by position). */
  private keysOf(items: readonly unknown[], at: PathSegment[]): PathSegment[] | undefined {
    if (!this.rules.itemKey) return undefined;
    const seen = new Map<string, number>();
    const out: PathSegment[] = [];
    for (const item of items) {
      const key = this.rules.itemKey(at, item);
      if (!key) return undefined;
      const id = `${key.field}\u0000${key.value}`;
      const occurrence = (seen.get(id) ?? 0) + 1;
      seen.set(id, occurrence);
      out.push({ kind: 'match', ...key, occurrence });
    }
    return out;
  }

  private arrays(before: unknown[], after: unknown[], at: PathSegment[]) {
    const beforeKeys = this.keysOf(before, at);
    const afterKeys = this.keysOf(after, at);
    if (!beforeKeys || !afterKeys) {
      const length = Math.max(before.length, after.length);
      for (let i = 0; i < length; i++) {
        const next = [...at, { kind: 'index', index: i } as const];
        if (i >= after.length) this.push(next, 'removed', before[i], undefined);
        else if (i >= before.length) this.push(next, 'added', undefined, after[i]);
        else this.walk(before[i], after[i], next);
      }
      return;
    }
    const label = (s: PathSegment) => renderPath([s]);
    const afterAt = new Map(afterKeys.map((key, i) => [label(key), i]));
    const beforeLabels = new Set(beforeKeys.map(label));
    beforeKeys.forEach((key, i) => {
      const j = afterAt.get(label(key));
      if (j === undefined) this.push([...at, key], 'removed', before[i], undefined);
      else this.walk(before[i], after[j], [...at, key]);
    });
    afterKeys.forEach((key, j) => {
      if (!beforeLabels.has(label(key))) this.push([...at, key], 'added', undefined, after[j]);
    });
  }
}

/** The differences from `before` to `after`, in document order (before's, then additions). */
export function diffJson(before: unknown, after: unknown, rules: DiffRules = {}): DiffEntry[] {
  const differ = new Differ(rules);
  differ.walk(before, after, []);
  return differ.entries;
}

/** The tokens volatile rules match on: key names, `[]` for a position, `[field=value]`. */
export function pathTokens(segments: readonly PathSegment[]): string[] {
  return segments.map((s) =>
    s.kind === 'key' ? s.key : s.kind === 'index' ? '[]' : `[${s.field}=${s.value}]`,
  );
}

/**
 * True when `tokens` ends with `pattern`; `*` matches any one token. A pattern starting with `^`
 * must match the whole path.
 */
export function endsWithPattern(tokens: readonly string[], pattern: readonly string[]): boolean {
  const anchored = pattern[0] === '^';
  const parts = anchored ? pattern.slice(1) : pattern;
  if (anchored ? tokens.length !== parts.length : tokens.length < parts.length) return false;
  const offset = tokens.length - parts.length;
  return parts.every((part, i) => part === '*' || part === tokens[offset + i]);
}
