/**
 * The flat list of tree items on screen, built iteratively (an explicit stack, never recursion)
 * from the expanded set: children exist only under expanded nodes, and at most a page of them
 * (plus search matches beyond it) until the user asks for more. Nesting 200 levels deep or a
 * 5 MB body costs only what is expanded.
 */
import { childId, ROOT_ID, type PathKey } from './json-path';
import { childCount, keyAt, valueAt } from './json-values';

/** Children shown per container before a "Show 100 more" item. */
export const PAGE_SIZE = 100;

export interface TreeState {
  expanded: ReadonlySet<string>;
  /** Children shown per container id; PAGE_SIZE when absent. */
  shown: ReadonlyMap<string, number>;
  /** Child positions shown beyond the page (search matches), per container id. */
  pinned?: ReadonlyMap<string, readonly number[]>;
}

export interface NodeRow {
  kind: 'node';
  id: string;
  parentId?: string;
  /** Undefined for the root. */
  key?: PathKey;
  value: unknown;
  /** 1 for the root. */
  level: number;
  posinset: number;
  setsize: number;
  /** Number of children (0 for primitives and empty containers). */
  count: number;
  expanded: boolean;
}

export interface MoreRow {
  kind: 'more';
  id: string;
  parentId: string;
  level: number;
  shown: number;
  total: number;
}

export type TreeRow = NodeRow | MoreRow;

type Pending = Omit<NodeRow, 'count' | 'expanded'> | MoreRow;

function child(parent: Pending & { kind: 'node' }, position: number, setsize: number): Pending {
  const key = keyAt(parent.value, position);
  return {
    kind: 'node',
    id: childId(parent.id, key),
    parentId: parent.id,
    key,
    value: valueAt(parent.value, position),
    level: parent.level + 1,
    posinset: position + 1,
    setsize,
  };
}

/** The visible items in document order. */
export function visibleRows(root: unknown, state: TreeState): TreeRow[] {
  const rows: TreeRow[] = [];
  const stack: Pending[] = [
    { kind: 'node', id: ROOT_ID, value: root, level: 1, posinset: 1, setsize: 1 },
  ];
  for (let item = stack.pop(); item !== undefined; item = stack.pop()) {
    if (item.kind === 'more') {
      rows.push(item);
      continue;
    }
    const count = childCount(item.value);
    const expanded = count > 0 && state.expanded.has(item.id);
    rows.push({ ...item, count, expanded });
    if (!expanded) continue;
    const shown = Math.min(count, state.shown.get(item.id) ?? PAGE_SIZE);
    const extra = (state.pinned?.get(item.id) ?? []).filter((i) => i >= shown && i < count);
    // Pushed in reverse: the page first, then "more", then the pinned matches beyond it.
    for (let j = extra.length - 1; j >= 0; j--) stack.push(child(item, extra[j] ?? 0, count));
    if (shown < count) {
      const level = item.level + 1;
      stack.push({
        kind: 'more',
        id: `${item.id}#more`,
        parentId: item.id,
        level,
        shown,
        total: count,
      });
    }
    for (let i = shown - 1; i >= 0; i--) stack.push(child(item, i, count));
  }
  return rows;
}

export interface ExpansionOptions {
  /** Levels below the root to open (the root is level 0). */
  depth?: number;
  /** Stop opening when about this many items would be visible. */
  budget?: number;
}

/**
 * What opens at first: breadth first, level by level down to `depth`, while the visible items stay
 * within `budget`, so a small body opens fully to a useful depth and a huge one stays light.
 */
export function initialExpansion(
  root: unknown,
  { depth = 3, budget = 300 }: ExpansionOptions = {},
): Set<string> {
  const expanded = new Set<string>();
  let visible = 1;
  const queue: { value: unknown; id: string; depth: number }[] = [
    { value: root, id: ROOT_ID, depth: 0 },
  ];
  for (let q = 0; q < queue.length; q++) {
    const node = queue[q];
    if (!node || node.depth >= depth) continue;
    const count = childCount(node.value);
    if (count === 0) continue;
    const shown = Math.min(count, PAGE_SIZE);
    if (node.depth > 0 && visible + shown > budget) continue;
    expanded.add(node.id);
    visible += shown + (shown < count ? 1 : 0);
    if (node.depth + 1 >= depth) continue;
    for (let i = 0; i < shown; i++) {
      const value = valueAt(node.value, i);
      if (childCount(value) > 0)
        queue.push({ value, id: childId(node.id, keyAt(node.value, i)), depth: node.depth + 1 });
    }
  }
  return expanded;
}
