/** The Request / Response tab: one body, as text only (never as markup). */
import { useMemo } from 'preact/hooks';
import type { BodyMeta } from '../session/call';
import { describeBody } from './body-view';
import { formatBytes } from './format';

export function BodyPanel({ label, meta, text }: { label: string; meta: BodyMeta; text?: string }) {
  const { view, notes } = useMemo(() => describeBody(meta, text), [meta, text]);
  const facts = [
    meta.contentType && `Content type: ${meta.contentType}`,
    meta.size !== undefined && `Size: ${formatBytes(meta.size)}`,
    meta.source && `From: ${meta.source}`,
  ].filter((fact): fact is string => typeof fact === 'string');
  return (
    <section class="body-panel" aria-label={`${label} body`}>
      {facts.length > 0 && <p class="facts">{facts.join(' · ')}</p>}
      {notes.map((note) => (
        <p key={note} class="note">
          {note}
        </p>
      ))}
      {view.kind === 'missing' && <p class="note missing">Body not available: {view.reason}</p>}
      {view.kind === 'empty' && <p class="note">Empty body.</p>}
      {view.kind === 'json' && <pre class="code">{view.pretty}</pre>}
      {view.kind === 'text' && (
        <>
          {view.parseError && <p class="note parse-error">Not JSON: {view.parseError}</p>}
          <pre class="code">{view.text}</pre>
        </>
      )}
    </section>
  );
}
