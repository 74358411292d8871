/**
 * A JSON value as an ARIA tree (APG "Tree View"): collapsible, keyboard operable, searchable,
 * with "Copy value" and "Copy path" for the selected item. Lazy by construction: only open
 * containers have items, a page of 100 children at a time, long strings cut until "show all".
 * Everything is rendered as text; nothing from the value becomes markup or a link.
 */
import { useEffect, useLayoutEffect, useMemo, useRef } from 'preact/hooks';
import './json-tree.css';
import { ROOT_ID } from './json-path';
import { SearchBox } from './SearchBox';
import { keyAction } from '../keymap';
import { treeKeyAction } from './tree-keys';
import { createJsonTreeModel, type JsonTreeModel } from './tree-model';
import { MoreItem, NodeItem } from './TreeItem';

export interface JsonTreeProps {
  value: unknown;
  /** The tree's accessible name: "Request body", "XDM of event 0". */
  label: string;
  /** The root item's text; the label by default. */
  rootLabel?: string;
  /** Where the root sits in the body (`events[0].xdm`): copied paths start with it. */
  rootPath?: string;
  /** Levels opened at first. */
  depth?: number;
  /** Keys from the root to a node to open and select at first. */
  reveal?: ReadonlyArray<string | number>;
  /** Show the search box (off for small embedded values). */
  searchable?: boolean;
  /** For tests: a ready model. */
  model?: JsonTreeModel;
}

const COPY_STATUS_MS = 2500;

export function JsonTree(props: JsonTreeProps) {
  const { value, label, rootPath, depth, reveal, searchable = true } = props;
  const rootLabel = props.rootLabel ?? label;
  const model = useMemo(
    () => props.model ?? createJsonTreeModel(value, { rootPath, depth, reveal }),
    [props.model, value, rootPath, depth, reveal],
  );
  const treeRef = useRef<HTMLDivElement>(null);
  const focusId = useRef<string | undefined>(undefined);

  const rows = model.rows.value;
  const selectedId = model.selectedId.value;
  const matchIds = model.matchIds.value;
  const search = model.search.value;
  const currentId = search?.matches[model.currentMatch.value]?.id;
  const full = model.fullStrings.value;
  const copyStatus = model.copyStatus.value;
  const tabbableId = model.indexById.value.has(selectedId) ? selectedId : ROOT_ID;
  const selectedPath = model.pathOf(tabbableId) || 'the root';

  useLayoutEffect(() => {
    const id = focusId.current;
    if (id === undefined) return;
    focusId.current = undefined;
    itemElement(treeRef.current, id)?.focus();
  });

  useEffect(() => {
    if (!copyStatus) return undefined;
    const timer = setTimeout(() => model.clearCopyStatus(), COPY_STATUS_MS);
    return () => clearTimeout(timer);
  }, [copyStatus, model]);

  function onKeyDown(event: KeyboardEvent): void {
    const id = (event.target as HTMLElement | null)?.closest<HTMLElement>('[data-id]')?.dataset.id;
    if (id === undefined) return;
    const copy = keyAction('tree', event)?.action;
    if (copy === 'copy-value' || copy === 'copy-path') {
      if (event.ctrlKey || event.metaKey) {
        if (document.getSelection()?.toString()) return; // the user copies selected text
      }
      event.preventDefault();
      model.select(id);
      void model.copy(copy === 'copy-path' ? 'path' : 'value');
      return;
    }
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    const action = treeKeyAction(rows, model.indexById.peek().get(id) ?? 0, event.key);
    if (!action) return;
    event.preventDefault();
    focusId.current = model.apply(action);
  }

  function revealMatch(id: string | undefined): void {
    if (id === undefined) return;
    requestAnimationFrame(() => {
      itemElement(treeRef.current, id)?.scrollIntoView?.({ block: 'nearest' });
    });
  }

  return (
    <div class="json-tree">
      <div class="json-tree-bar">
        {searchable && <SearchBox model={model} onReveal={revealMatch} />}
        <button
          type="button"
          title={`Copy the value of ${selectedPath}`}
          onClick={() => void model.copy('value')}
        >
          Copy value
        </button>
        <button
          type="button"
          title={`Copy the path of ${selectedPath}`}
          disabled={model.pathOf(tabbableId) === ''}
          onClick={() => void model.copy('path')}
        >
          Copy path
        </button>
        <span role="status" class="json-copy-status">
          {copyStatus}
        </span>
      </div>
      <div
        role="tree"
        aria-label={label}
        class="json-tree-items"
        ref={treeRef}
        onKeyDown={onKeyDown}
      >
        {rows.map((row) =>
          row.kind === 'more' ? (
            <MoreItem
              key={row.id}
              row={row}
              selected={row.id === selectedId}
              tabbable={row.id === tabbableId}
              onActivate={model.activate}
            />
          ) : (
            <NodeItem
              key={row.id}
              row={row}
              rootLabel={rootLabel}
              selected={row.id === selectedId}
              tabbable={row.id === tabbableId}
              full={full.has(row.id)}
              query={matchIds.has(row.id) ? search?.query : undefined}
              current={row.id === currentId}
              onSelect={model.select}
              onToggle={model.toggle}
              onShowAll={model.showAll}
            />
          ),
        )}
      </div>
    </div>
  );
}

/** The item element for an id (ids hold quotes and brackets: compared, never put in a selector). */
function itemElement(tree: HTMLElement | null, id: string): HTMLElement | undefined {
  if (!tree) return undefined;
  for (const child of tree.children) {
    if (child instanceof HTMLElement && child.dataset.id === id) return child;
  }
  return undefined;
}
