/**
 * One item of a JSON tree: `"key": value`, as text only. Items are flat (aria-level says the
 * depth), so a 200-level path is 200 siblings in the DOM, never 200 nested elements.
 */
import { memo } from '../memo';
import { kindOf } from './json-values';
import { keyText, valueText } from './value-text';
import type { MoreRow, NodeRow } from './visible-rows';

const INDENT_PX = 14;
const indent = (level: number) => ({ paddingLeft: `${4 + (level - 1) * INDENT_PX}px` });
/** Made on first use: an Intl formatter costs about 20 ms to create in a cold page (ICU). */
let numberFormat: Intl.NumberFormat | undefined;
const formatNumber = (n: number) => (numberFormat ??= new Intl.NumberFormat('en-US')).format(n);

/** `text` with every case-insensitive occurrence of `query` in a <mark>. */
function Highlighted({ text, query }: { text: string; query?: string }) {
  const needle = query?.trim().toLowerCase();
  if (!needle) return <>{text}</>;
  const lower = text.toLowerCase();
  const parts = [];
  let from = 0;
  for (let at = lower.indexOf(needle); at >= 0; at = lower.indexOf(needle, from)) {
    if (at > from) parts.push(text.slice(from, at));
    parts.push(<mark key={at}>{text.slice(at, at + needle.length)}</mark>);
    from = at + needle.length;
  }
  parts.push(text.slice(from));
  return <>{parts}</>;
}

interface NodeItemProps {
  row: NodeRow;
  rootLabel: string;
  selected: boolean;
  tabbable: boolean;
  full: boolean;
  /** The search text, only for items that match it. */
  query?: string;
  current: boolean;
  onSelect: (id: string) => void;
  onToggle: (id: string) => void;
  onShowAll: (id: string) => void;
}

export const NodeItem = memo(function NodeItem(props: NodeItemProps) {
  const { row, rootLabel, selected, tabbable, full, query, current } = props;
  const { text, hidden } = valueText(row.value, full);
  const expandable = row.count > 0;
  const classes = ['json-row', selected && 'selected', query && 'match', current && 'current'];
  return (
    <div
      role="treeitem"
      data-id={row.id}
      aria-level={row.level}
      aria-setsize={row.setsize}
      aria-posinset={row.posinset}
      aria-expanded={expandable ? row.expanded : undefined}
      aria-selected={selected}
      tabIndex={tabbable ? 0 : -1}
      class={classes.filter(Boolean).join(' ')}
      style={indent(row.level)}
      onClick={(event) => {
        props.onSelect(row.id);
        const target = event.target as HTMLElement | null;
        if (expandable && target?.closest('.json-twisty, .json-key')) props.onToggle(row.id);
      }}
    >
      <span class="json-twisty" aria-hidden="true">
        {expandable ? (row.expanded ? '▾' : '▸') : ''}
      </span>
      <span class={row.key === undefined ? 'json-key json-root' : 'json-key'}>
        <Highlighted text={keyText(row.key, rootLabel)} query={query} />
      </span>
      <span class="json-colon">: </span>
      <span class={`json-value json-${kindOf(row.value)}`}>
        <Highlighted text={text} query={query} />
      </span>
      {hidden > 0 && (
        <span
          class="json-show-all"
          onClick={(event) => {
            event.stopPropagation();
            props.onShowAll(row.id);
          }}
        >
          {' '}
          show all ({formatNumber(hidden)} more characters)
        </span>
      )}
    </div>
  );
});

interface MoreItemProps {
  row: MoreRow;
  selected: boolean;
  tabbable: boolean;
  onActivate: (id: string) => void;
}

export const MoreItem = memo(function MoreItem({
  row,
  selected,
  tabbable,
  onActivate,
}: MoreItemProps) {
  const next = Math.min(100, row.total - row.shown);
  return (
    <div
      role="treeitem"
      data-id={row.id}
      aria-level={row.level}
      aria-selected={selected}
      tabIndex={tabbable ? 0 : -1}
      class={`json-row json-more${selected ? ' selected' : ''}`}
      style={indent(row.level)}
      onClick={() => onActivate(row.id)}
    >
      Show {formatNumber(next)} more ({formatNumber(row.shown)} of {formatNumber(row.total)} shown)
    </div>
  );
});
