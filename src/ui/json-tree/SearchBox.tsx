/**
 * The search box of a JSON tree: matches are highlighted and their ancestors opened; Enter and
 * Shift+Enter step through them. Typing is debounced so a 5 MB body is searched once per pause.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { JsonTreeModel } from './tree-model';

const DEBOUNCE_MS = 150;

function resultText(model: JsonTreeModel): string {
  const search = model.search.value;
  if (!search) return '';
  const count = search.matches.length;
  if (count === 0) return 'No matches';
  const more = search.truncated ? '+' : '';
  return `${model.currentMatch.value + 1} of ${count}${more} ${count === 1 ? 'match' : 'matches'}`;
}

export function SearchBox({
  model,
  onReveal,
}: {
  model: JsonTreeModel;
  onReveal: (id: string | undefined) => void;
}) {
  const [text, setText] = useState('');
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);

  function run(query: string): void {
    clearTimeout(timer.current);
    timer.current = undefined;
    model.runSearch(query);
    onReveal(model.search.peek()?.matches[0]?.id);
  }

  return (
    <>
      <input
        type="search"
        class="json-search"
        aria-label="Search JSON"
        placeholder="Search keys and values"
        spellcheck={false}
        autocomplete="off"
        value={text}
        onInput={(event) => {
          const query = event.currentTarget.value;
          setText(query);
          clearTimeout(timer.current);
          timer.current = setTimeout(() => run(query), DEBOUNCE_MS);
        }}
        onKeyDown={(event) => {
          if (event.key !== 'Enter') return;
          event.preventDefault();
          const query = event.currentTarget.value;
          if (timer.current !== undefined || model.search.peek()?.query !== query) run(query);
          else onReveal(model.stepMatch(event.shiftKey ? -1 : 1));
        }}
      />
      <span role="status" class="json-search-status">
        {resultText(model)}
      </span>
    </>
  );
}
