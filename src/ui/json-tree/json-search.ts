/**
 * Searching a parsed JSON value for text in keys and in primitive values, case-insensitively.
 * Iterative (an explicit stack) and bounded: at most `limit` matches and `maxVisits` nodes, so a
 * 5 MB body or 200 levels of nesting never block the viewer for long or overflow the stack.
 * Paths are built only for matches, from parent links, never for every node visited.
 */
import { childId, ROOT_ID, type PathKey } from './json-path';
import { childCount, keyAt, valueAt } from './json-values';

export interface JsonMatch {
  id: string;
  inKey: boolean;
  inValue: boolean;
}

export interface SearchResult {
  query: string;
  matches: JsonMatch[];
  /** True when the limit or the visit budget stopped the search early. */
  truncated: boolean;
  /** Containers to open so every match is visible. */
  reveal: Set<string>;
  /** Per container: child positions to show even when beyond the current page. */
  pinned: Map<string, number[]>;
}

export interface SearchOptions {
  limit?: number;
  maxVisits?: number;
}

interface Frame {
  value: unknown;
  key?: PathKey;
  position: number;
  parent?: Frame;
  /** The node's path, computed once and only for matches and their ancestors. */
  id?: string;
  /** True once this frame is pinned in its parent and its ancestors are revealed. */
  revealed?: boolean;
}

/** The text a primitive is searched (and shown) as; undefined for containers. */
export function primitiveText(value: unknown): string | undefined {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
      return value;
    case 'number':
    case 'boolean':
      return String(value);
    default:
      return undefined;
  }
}

export function searchJson(
  root: unknown,
  query: string,
  { limit = 500, maxVisits = 1_000_000 }: SearchOptions = {},
): SearchResult {
  const result: SearchResult = {
    query,
    matches: [],
    truncated: false,
    reveal: new Set(),
    pinned: new Map(),
  };
  const needle = query.trim().toLowerCase();
  if (needle === '') return result;
  const stack: Frame[] = [{ value: root, position: 0, id: ROOT_ID, revealed: true }];
  let visits = 0;
  for (let frame = stack.pop(); frame !== undefined; frame = stack.pop()) {
    if (++visits > maxVisits || result.matches.length >= limit) {
      result.truncated = true;
      break;
    }
    const inKey = typeof frame.key === 'string' && frame.key.toLowerCase().includes(needle);
    const text = primitiveText(frame.value);
    const inValue = text !== undefined && text.toLowerCase().includes(needle);
    if (inKey || inValue) record(result, frame, inKey, inValue);
    const count = childCount(frame.value);
    for (let i = count - 1; i >= 0; i--)
      stack.push({
        value: valueAt(frame.value, i),
        key: keyAt(frame.value, i),
        position: i,
        parent: frame,
      });
  }
  return result;
}

function record(result: SearchResult, frame: Frame, inKey: boolean, inValue: boolean): void {
  result.matches.push({ id: idOf(frame), inKey, inValue });
  for (let f = frame; !f.revealed && f.parent; f = f.parent) {
    f.revealed = true;
    const parentId = idOf(f.parent);
    result.reveal.add(parentId);
    // Depth-first order visits a container's children in ascending positions: stays sorted.
    const pinned = result.pinned.get(parentId);
    if (pinned) pinned.push(f.position);
    else result.pinned.set(parentId, [f.position]);
  }
}

/** The frame's path, from the nearest ancestor whose path is known (the root's is ''). */
function idOf(frame: Frame): string {
  const chain: Frame[] = [];
  let known: Frame | undefined = frame;
  while (known && known.id === undefined) {
    chain.push(known);
    known = known.parent;
  }
  let id = known?.id ?? ROOT_ID;
  for (let i = chain.length - 1; i >= 0; i--) {
    const step = chain[i];
    if (!step) continue;
    id = childId(id, step.key ?? step.position);
    step.id = id;
  }
  return id;
}
