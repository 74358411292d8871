/**
 * Hide a call from the list, or keep a free-text note on it. Both are stored with the call and
 * kept by exports (QA hands a session over with its notes).
 */
import { useEffect, useState } from 'preact/hooks';
import type { CallWithBodies } from '../shared/protocol';
import type { ViewerModel } from './viewer-model';

export function NoteActions({ model, detail }: { model: ViewerModel; detail: CallWithBodies }) {
  const { call } = detail;
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(call.note ?? '');
  useEffect(() => {
    setDraft(call.note ?? '');
    setEditing(false);
  }, [call.id]);

  return (
    <>
      <button type="button" onClick={() => model.setHidden(call.id, !call.hidden)}>
        {call.hidden ? 'Unhide call' : 'Hide call'}
      </button>
      {!editing && (
        <button type="button" onClick={() => setEditing(true)}>
          {call.note ? 'Edit note' : 'Add note'}
        </button>
      )}
      {editing && (
        <form
          class="note-form"
          onSubmit={(event) => {
            event.preventDefault();
            model.setNote(call.id, draft.trim());
            setEditing(false);
          }}
        >
          <input
            type="text"
            aria-label="Note"
            value={draft}
            maxLength={2000}
            onInput={(event) => setDraft(event.currentTarget.value)}
          />
          <button type="submit">Save note</button>
        </form>
      )}
      {call.note && !editing && <span class="note-text">Note: {call.note}</span>}
    </>
  );
}
