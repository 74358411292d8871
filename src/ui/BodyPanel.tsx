/**
 * One body in the Request or Response tab: its facts, then a JSON tree, or the text as it came
 * with where it stops being JSON (line and column), or why there is no text. Text only: a body
 * is never rendered as markup.
 */
import { useMemo } from 'preact/hooks';
import { parseJson, type JsonParse } from '../edge/json';
import type { BodyMeta } from '../session/call';
import { bodyFacts, missingReason, truncationNote } from './detail/body-notes';
import { JsonTree } from './json-tree/JsonTree';

interface BodyPanelProps {
  /** `Request` or `Response`. */
  label: string;
  meta: BodyMeta;
  text?: string;
  /** The text parsed once by the caller (decoded-bodies.ts); parsed here when absent. */
  parsed?: JsonParse;
}

export function BodyPanel({ label, meta, text, parsed }: BodyPanelProps) {
  const json = useMemo(
    () => parsed ?? (text === undefined ? undefined : parseJson(text)),
    [parsed, text],
  );
  const facts = bodyFacts(meta);
  const truncated = truncationNote(meta);
  const name = `${label} body`;
  return (
    <section class="body-panel" aria-label={name}>
      <h3>{name}</h3>
      {facts.length > 0 && <p class="facts">{facts.join(' · ')}</p>}
      {truncated && <p class="note">{truncated}</p>}
      {text === undefined ? (
        <p class="note missing">Body not available: {missingReason(meta)}</p>
      ) : text.trim() === '' ? (
        <p class="note">Empty body.</p>
      ) : json?.ok ? (
        <JsonTree value={json.value} label={name} rootLabel={name.toLowerCase()} />
      ) : (
        <>
          {json && <p class="note parse-error">Not JSON: {json.error.summary}</p>}
          <pre class="code">{text}</pre>
        </>
      )}
    </section>
  );
}
