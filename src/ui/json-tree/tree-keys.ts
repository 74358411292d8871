/**
 * The ARIA tree keyboard pattern (APG "Tree View"), as a pure decision: which action a key takes
 * on the focused item. Up/Down move, Right opens or goes to the first child, Left closes or goes
 * to the parent, Home/End jump, Enter activates, `*` opens the siblings. The keys themselves are
 * in the viewer's one keymap (keymap.ts, context `tree`).
 */
import { keyAction } from '../keymap';
import type { TreeRow } from './visible-rows';

export type TreeAction =
  | { type: 'focus'; id: string }
  | { type: 'expand'; id: string }
  | { type: 'collapse'; id: string }
  | { type: 'activate'; id: string }
  | { type: 'expand-siblings'; id: string };

export function treeKeyAction(
  rows: readonly TreeRow[],
  index: number,
  key: string,
): TreeAction | undefined {
  const row = rows[index];
  if (!row) return undefined;
  const focus = (at: number): TreeAction | undefined => {
    const target = rows[at];
    return target ? { type: 'focus', id: target.id } : undefined;
  };
  const expandable = row.kind === 'node' && row.count > 0;
  switch (keyAction('tree', { key })?.action) {
    case 'down':
      return focus(index + 1);
    case 'up':
      return focus(index - 1);
    case 'first':
      return focus(0);
    case 'last':
      return focus(rows.length - 1);
    case 'expand':
      if (!expandable || row.kind !== 'node') return undefined;
      return row.expanded ? focus(index + 1) : { type: 'expand', id: row.id };
    case 'collapse':
      if (row.kind === 'node' && row.expanded) return { type: 'collapse', id: row.id };
      return row.parentId === undefined ? undefined : { type: 'focus', id: row.parentId };
    case 'activate':
      return { type: 'activate', id: row.id };
    case 'expand-siblings':
      return { type: 'expand-siblings', id: row.id };
    default:
      return undefined;
  }
}

/** True when `id` names a node inside `ancestor` (paths end a segment with `.`, `[` or `#`). */
export function isInside(id: string, ancestor: string): boolean {
  if (id.length <= ancestor.length || !id.startsWith(ancestor)) return false;
  const next = id[ancestor.length];
  return next === '.' || next === '[' || next === '#';
}
