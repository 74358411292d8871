/**
 * Hide a call from the list, or keep a free-text note on it. Both are stored with the call and
 * kept by exports (QA hands a session over with its notes). The note editor opens from its button
 * or the `n` key (keymap.ts); Enter saves, Escape cancels, and the focus goes back where it was.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { CallWithBodies } from '../shared/protocol';
import { keyAction } from './keymap';
import type { ViewerModel } from './viewer-model';

export function NoteActions({ model, detail }: { model: ViewerModel; detail: CallWithBodies }) {
  const { call } = detail;
  const editing = model.noteEditing.value === call.id;
  const [draft, setDraft] = useState(call.note ?? '');
  const input = useRef<HTMLInputElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  /** Where the focus was when the editor opened. */
  const returnTo = useRef<HTMLElement | null>(null);
  useEffect(() => {
    setDraft(call.note ?? '');
  }, [call.id, editing]);
  useEffect(() => {
    if (!editing) return;
    const active = document.activeElement;
    returnTo.current = active instanceof HTMLElement && active !== document.body ? active : null;
    input.current?.focus();
  }, [editing]);

  function finish(): void {
    model.editNote(undefined);
    const back = returnTo.current;
    returnTo.current = null;
    // After the re-render: the Add note button exists again.
    requestAnimationFrame(() => {
      if (back?.isConnected) back.focus();
      else button.current?.focus();
    });
  }

  return (
    <>
      <button type="button" onClick={() => model.setHidden(call.id, !call.hidden)}>
        {call.hidden ? 'Unhide call' : 'Hide call'}
      </button>
      {!editing && (
        <button type="button" ref={button} onClick={() => model.editNote(call.id)}>
          {call.note ? 'Edit note' : 'Add note'}
        </button>
      )}
      {editing && (
        <form
          class="note-form"
          onSubmit={(event) => {
            event.preventDefault();
            model.setNote(call.id, draft.trim());
            finish();
          }}
        >
          <input
            type="text"
            aria-label="Note"
            ref={input}
            value={draft}
            maxLength={2000}
            onInput={(event) => setDraft(event.currentTarget.value)}
            onKeyDown={(event) => {
              if (keyAction('note', event)?.action !== 'cancel') return;
              event.preventDefault();
              event.stopPropagation();
              finish();
            }}
          />
          <button type="submit">Save note</button>
        </form>
      )}
      {call.note && !editing && <span class="note-text">Note: {call.note}</span>}
    </>
  );
}
