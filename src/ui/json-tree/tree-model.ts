/**
 * One JSON tree's state as signals: what is open, how many children each container shows, which
 * long strings are shown whole, the search and its matches, the selected item and the copy
 * confirmation. The rows on screen are a computed list (visible-rows.ts).
 */
import { batch, computed, signal } from '@preact/signals';
import { writeClipboard } from './clipboard';
import { childId, displayPath, ROOT_ID, type PathKey } from './json-path';
import { searchJson, type SearchResult } from './json-search';
import { isInside, type TreeAction } from './tree-keys';
import { copyText } from './value-text';
import {
  initialExpansion,
  PAGE_SIZE,
  visibleRows,
  type ExpansionOptions,
  type NodeRow,
} from './visible-rows';

export interface JsonTreeOptions extends ExpansionOptions {
  /** Where the tree's root sits in the body, e.g. `events[0].xdm`; copied paths start with it. */
  rootPath?: string;
  /** Copy to the clipboard (replaceable in tests). */
  clipboard?: (text: string) => Promise<boolean>;
  /** Keys from the root to a node to open and select at first (a validation finding's path). */
  reveal?: readonly PathKey[];
}

/**
 * The ids of the nodes on the way to `keys`, root first: as far as the value has them, so a
 * missing field reveals its nearest parent.
 */
function idsTo(root: unknown, keys: readonly PathKey[]): string[] {
  const ids = [ROOT_ID];
  let node = root;
  for (const key of keys) {
    const child =
      Array.isArray(node) && typeof key === 'number'
        ? node[key]
        : typeof node === 'object' && node !== null && Object.hasOwn(node, key)
          ? (node as Record<string, unknown>)[String(key)]
          : undefined;
    if (child === undefined) break;
    ids.push(childId(ids[ids.length - 1] ?? ROOT_ID, key));
    node = child;
  }
  return ids;
}

const EMPTY = new Set<string>();

export function createJsonTreeModel(root: unknown, options: JsonTreeOptions = {}) {
  const rootPath = options.rootPath ?? '';
  const clipboard = options.clipboard ?? writeClipboard;
  const revealed = options.reveal ? idsTo(root, options.reveal) : [];
  const expanded = signal<ReadonlySet<string>>(
    new Set([...initialExpansion(root, options), ...revealed.slice(0, -1)]),
  );
  const shown = signal<ReadonlyMap<string, number>>(new Map());
  const fullStrings = signal<ReadonlySet<string>>(EMPTY);
  const search = signal<SearchResult | undefined>(undefined);
  const currentMatch = signal(-1);
  const selectedId = signal(revealed.at(-1) ?? ROOT_ID);
  const copyStatus = signal('');

  const rows = computed(() =>
    visibleRows(root, {
      expanded: expanded.value,
      shown: shown.value,
      pinned: search.value?.pinned,
    }),
  );
  const indexById = computed(() => new Map(rows.value.map((row, i) => [row.id, i])));
  const matchIds = computed(() => new Set(search.value?.matches.map((match) => match.id) ?? EMPTY));

  function nodeOf(id: string): NodeRow | undefined {
    const row = rows.peek()[indexById.peek().get(id) ?? -1];
    return row?.kind === 'node' ? row : undefined;
  }

  function setOpen(id: string, open: boolean): void {
    const next = new Set(expanded.peek());
    if (open) next.add(id);
    else next.delete(id);
    batch(() => {
      expanded.value = next;
      // Focus never stays on an item that just disappeared.
      if (!open && isInside(selectedId.peek(), id)) selectedId.value = id;
    });
  }

  function activate(id: string): void {
    const row = rows.peek()[indexById.peek().get(id) ?? -1];
    if (!row) return;
    if (row.kind === 'more') {
      const at = indexById.peek().get(id) ?? 0;
      showMore(row.parentId);
      // The first newly shown child takes the place of the "more" item, and the focus.
      const first = rows.peek()[at];
      if (first) selectedId.value = first.id;
      return;
    }
    if (row.count > 0) setOpen(id, !row.expanded);
    else if (typeof row.value === 'string') showAll(id);
  }

  function showMore(parentId: string): void {
    const next = new Map(shown.peek());
    next.set(parentId, (next.get(parentId) ?? PAGE_SIZE) + PAGE_SIZE);
    shown.value = next;
  }

  function showAll(id: string): void {
    fullStrings.value = new Set(fullStrings.peek()).add(id);
  }

  function expandSiblings(id: string): void {
    const parentId = nodeOf(id)?.parentId;
    const next = new Set(expanded.peek());
    for (const row of rows.peek()) {
      if (row.kind === 'node' && row.parentId === parentId && row.count > 0) next.add(row.id);
    }
    expanded.value = next;
  }

  /** Runs a search; matches open their ancestors (kept open after the search is cleared). */
  function runSearch(query: string): void {
    const result = query.trim() === '' ? undefined : searchJson(root, query);
    batch(() => {
      search.value = result;
      if (result && result.reveal.size > 0) {
        const next = new Set(expanded.peek());
        for (const id of result.reveal) next.add(id);
        expanded.value = next;
      }
      const first = result?.matches[0];
      currentMatch.value = first ? 0 : -1;
      if (first) selectedId.value = first.id;
    });
  }

  /** Moves to the next (1) or previous (-1) match; returns its id. */
  function stepMatch(step: 1 | -1): string | undefined {
    const matches = search.peek()?.matches ?? [];
    if (matches.length === 0) return undefined;
    const index = (currentMatch.peek() + step + matches.length) % matches.length;
    const id = matches[index]?.id;
    batch(() => {
      currentMatch.value = index;
      if (id !== undefined) selectedId.value = id;
    });
    return id;
  }

  /** Applies a keyboard action; returns the id that should have focus afterwards. */
  function apply(action: TreeAction): string {
    switch (action.type) {
      case 'focus':
        selectedId.value = action.id;
        break;
      case 'expand':
        setOpen(action.id, true);
        break;
      case 'collapse':
        setOpen(action.id, false);
        break;
      case 'activate':
        activate(action.id);
        break;
      case 'expand-siblings':
        expandSiblings(action.id);
        break;
    }
    return indexById.peek().has(selectedId.peek()) ? selectedId.peek() : ROOT_ID;
  }

  async function copy(what: 'value' | 'path'): Promise<void> {
    const id = selectedId.peek();
    const node = nodeOf(id) ?? nodeOf(ROOT_ID);
    const path = displayPath(rootPath, node?.id ?? ROOT_ID);
    let text: string;
    try {
      text = what === 'path' ? path : copyText(node?.value);
    } catch (err) {
      copyStatus.value = err instanceof Error ? err.message : 'Copy failed.';
      return;
    }
    const ok = await clipboard(text);
    const where = path === '' ? 'the root' : path;
    copyStatus.value = ok
      ? what === 'path'
        ? `Copied path ${where}`
        : `Copied the value of ${where}`
      : 'Copy failed: the browser refused the clipboard.';
  }

  return {
    root,
    rootPath,
    rows,
    indexById,
    matchIds,
    search,
    currentMatch,
    selectedId,
    fullStrings,
    copyStatus,
    select(id: string): void {
      selectedId.value = id;
    },
    toggle(id: string): void {
      const node = nodeOf(id);
      if (node && node.count > 0) setOpen(id, !node.expanded);
    },
    activate,
    showAll,
    runSearch,
    stepMatch,
    apply,
    copy,
    clearCopyStatus(): void {
      copyStatus.value = '';
    },
    pathOf(id: string): string {
      return displayPath(rootPath, id);
    },
  };
}

export type JsonTreeModel = ReturnType<typeof createJsonTreeModel>;
