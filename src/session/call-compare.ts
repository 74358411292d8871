/**
 * Compares a call with its resend: the request (URL parts, query, body) and the
 * response (status, body with its handles, errors and warnings), keyed by JSON path. What Edge or
 * the browser changes on every call (volatile: timestamps, `_id`, requestId, cookie values and
 * lifetimes, Target event tokens) is marked so the viewer can hide it by default.
 * Pure and total.
 */
import {
  diffJson,
  endsWithPattern,
  pathTokens,
  type DiffEntry,
  type DiffRules,
  type PathSegment,
} from './json-diff';
import { parseJson } from '../edge/json';
import { isRecord } from '../edge/read';

export type DiffPart = 'url' | 'query' | 'body' | 'status';

export interface CallDiffEntry extends DiffEntry {
  part: DiffPart;
}

export interface CallDiff {
  entries: CallDiffEntry[];
  /** Facts about what could not be compared (a body not captured, a body that is not JSON). */
  notes: string[];
}

export interface RequestSide {
  url: string;
  body?: string;
}

export interface ResponseSide {
  status?: number;
  body?: string;
}

/** Keys whose values differ on every call by nature, wherever they are. */
const VOLATILE_KEYS = new Set([
  'timestamp',
  '_id',
  'requestId',
  'queueTimeMillis',
  'localTime',
  // Target's per-response token (scopeDetails.characteristics): new on every answer.
  'eventToken',
]);

/** Paths (suffixes; `*` is any one step) that are volatile by position. */
const VOLATILE_PATHS: readonly (readonly string[])[] = [
  // alloy's copy of the kndctr cookies (docs/edge-protocol.md §2.4): values change as Edge rewrites them.
  ['meta', 'state', 'entries', '*', 'value'],
  // state:store cookie entries: values carry a write time; lifetimes count down.
  ['[type=state:store]', 'payload', '*', 'value'],
  ['[type=state:store]', 'payload', '*', 'maxAge'],
  ['[type=state:store]', 'payload', '*', 'expires'],
  ['[type=state:store]', 'payload', '*', 'attrs', 'Expires'],
  ['metadata', 'time'],
];

function isVolatile(segments: readonly PathSegment[]): boolean {
  const last = segments[segments.length - 1];
  if (last?.kind === 'key' && VOLATILE_KEYS.has(last.key)) return true;
  const tokens = pathTokens(segments);
  return VOLATILE_PATHS.some((pattern) => endsWithPattern(tokens, pattern));
}

function stringField(item: unknown, field: string): string | undefined {
  if (!isRecord(item)) return undefined;
  const value = item[field];
  return typeof value === 'string' || typeof value === 'number' ? String(value) : undefined;
}

/**
 * Items with an identity: handles, errors and warnings by `type`; cookie entries by `key`;
 * propositions by `scope`; identities by their namespace code. Events stay positional.
 */
function itemKey(segments: readonly PathSegment[], item: unknown) {
  const last = segments[segments.length - 1];
  const name = last?.kind === 'key' ? last.key : undefined;
  if (name === 'handle' || name === 'errors' || name === 'warnings') {
    const type = stringField(item, 'type');
    return type === undefined ? undefined : { field: 'type', value: type };
  }
  if (name === 'entries' || name === 'payload') {
    const key = stringField(item, 'key');
    if (key !== undefined) return { field: 'key', value: key };
    const scope = stringField(item, 'scope');
    if (scope !== undefined) return { field: 'scope', value: scope };
    const namespace = isRecord(item) ? stringField(item.namespace, 'code') : undefined;
    if (namespace !== undefined) return { field: 'namespace', value: namespace };
  }
  return undefined;
}

export const EDGE_DIFF_RULES: DiffRules = { itemKey, volatile: isVolatile };

function tagged(entries: DiffEntry[], part: DiffPart): CallDiffEntry[] {
  return entries.map((entry) => ({ ...entry, part }));
}

function urlParts(url: string): { host: string; path: string; query: Record<string, unknown> } {
  try {
    const parsed = new URL(url);
    const query: Record<string, unknown> = {};
    for (const [name, value] of parsed.searchParams) {
      const seen = Object.hasOwn(query, name) ? query[name] : undefined;
      const next = seen === undefined ? value : [...(Array.isArray(seen) ? seen : [seen]), value];
      Object.defineProperty(query, name, { value: next, enumerable: true, writable: true });
    }
    return { host: parsed.host, path: parsed.pathname, query };
  } catch {
    return { host: '', path: url, query: {} };
  }
}

function compareBodies(original?: string, resend?: string): CallDiff {
  if (original === undefined || resend === undefined) {
    const which = original === undefined ? "the original's" : "the resend's";
    return { entries: [], notes: [`The body was not compared: ${which} was not captured.`] };
  }
  if (original.trim() === '' && resend.trim() === '') return { entries: [], notes: [] };
  const before = parseJson(original);
  const after = parseJson(resend);
  if (before.ok && after.ok) {
    return {
      entries: tagged(diffJson(before.value, after.value, EDGE_DIFF_RULES), 'body'),
      notes: [],
    };
  }
  const notes = ['One of the bodies is not JSON: compared as text.'];
  if (original === resend) return { entries: [], notes };
  const entry: CallDiffEntry = {
    part: 'body',
    path: '',
    segments: [],
    change: 'changed',
    before: original,
    after: resend,
    volatile: false,
  };
  return { entries: [entry], notes };
}

export function compareRequests(original: RequestSide, resend: RequestSide): CallDiff {
  const a = urlParts(original.url);
  const b = urlParts(resend.url);
  const entries: CallDiffEntry[] = [];
  for (const field of ['host', 'path'] as const) {
    if (a[field] !== b[field]) {
      const segments: PathSegment[] = [{ kind: 'key', key: field }];
      entries.push({
        part: 'url',
        path: field,
        segments,
        change: 'changed',
        before: a[field],
        after: b[field],
        volatile: false,
      });
    }
  }
  entries.push(...tagged(diffJson(a.query, b.query, EDGE_DIFF_RULES), 'query'));
  const body = compareBodies(original.body, resend.body);
  return { entries: [...entries, ...body.entries], notes: body.notes };
}

export function compareResponses(original: ResponseSide, resend: ResponseSide): CallDiff {
  const entries: CallDiffEntry[] = [];
  if (original.status !== resend.status) {
    entries.push({
      part: 'status',
      path: 'status',
      segments: [{ kind: 'key', key: 'status' }],
      change: 'changed',
      before: original.status,
      after: resend.status,
      volatile: false,
    });
  }
  const body = compareBodies(original.body, resend.body);
  return { entries: [...entries, ...body.entries], notes: body.notes };
}

/** The entries to show, and how many volatile ones were left out. */
export function visibleDiff(
  diff: CallDiff,
  showVolatile: boolean,
): { shown: CallDiffEntry[]; hiddenVolatile: number } {
  const shown = showVolatile ? diff.entries : diff.entries.filter((e) => !e.volatile);
  return { shown, hiddenVolatile: diff.entries.length - shown.length };
}
