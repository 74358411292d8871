/**
 * Hosts the CodeMirror JSON editor (json-editor.ts, loaded on demand) and says, under it, whether
 * the body is valid JSON and if not where it breaks. Should CodeMirror fail to load, a plain text
 * area takes its place: the body can always be edited.
 */
import { useEffect, useId, useRef, useState } from 'preact/hooks';
import type { JsonEditor } from './json-editor';
import type { ResendModel } from './resend-model';

export function BodyEditor({ editor }: { editor: ResendModel }) {
  const host = useRef<HTMLDivElement>(null);
  const instance = useRef<JsonEditor | undefined>(undefined);
  const [state, setState] = useState<'loading' | 'ready' | 'fallback'>('loading');
  const statusId = useId();

  useEffect(() => {
    let cancelled = false;
    import('./json-editor').then(
      ({ createJsonEditor }) => {
        if (cancelled || !host.current) return;
        instance.current = createJsonEditor(host.current, {
          text: editor.body.peek(),
          label: 'Request body',
          describedBy: statusId,
          onChange: editor.setBody,
        });
        setState('ready');
      },
      () => {
        if (!cancelled) setState('fallback');
      },
    );
    return () => {
      cancelled = true;
      instance.current?.destroy();
      instance.current = undefined;
    };
  }, [editor, statusId]);

  // Quick options replace the text from outside the editor.
  const revision = editor.bodyRevision.value;
  useEffect(() => {
    instance.current?.setText(editor.body.peek());
  }, [editor, revision]);

  const error = editor.bodyError.value;
  const body = editor.body.value;
  return (
    <div class="body-editor">
      <div class="body-title">Request body</div>
      {state === 'loading' && <p class="note">Loading the editor…</p>}
      {state === 'fallback' ? (
        <textarea
          class="body-fallback"
          aria-label="Request body"
          aria-describedby={statusId}
          spellcheck={false}
          value={body}
          onInput={(event) => editor.setBody(event.currentTarget.value)}
        />
      ) : (
        <div ref={host} class="cm-host" />
      )}
      <p id={statusId} class={`json-status${error && !error.empty ? ' problem' : ''}`}>
        {error && !error.empty
          ? `Not valid JSON: line ${error.line}, column ${error.column}: ${error.reason}`
          : body.trim() === ''
            ? 'Empty body'
            : 'Valid JSON'}
      </p>
    </div>
  );
}
