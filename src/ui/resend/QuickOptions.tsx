/**
 * One-click changes: datastream override, a new requestId on every send, a new
 * visitor (no meta.state cookie entries, no cookies), identities and the eventType. The body
 * changes are made in the editor's text, so what you see is what is sent.
 */
import { useState } from 'preact/hooks';
import {
  dropStateEntries,
  removeIdentities,
  setEventType,
  setIdentity,
} from '../../edge/body-edits';
import type { ResendModel } from './resend-model';

const plural = (n: number, word: string, words = `${word}s`) => `${n} ${n === 1 ? word : words}`;

function Identities({ editor }: { editor: ResendModel }) {
  const [namespace, setNamespace] = useState('');
  const [id, setId] = useState('');
  const [primary, setPrimary] = useState(false);
  return (
    <div class="quick-row">
      <label class="field">
        <span>Identity namespace</span>
        <input
          type="text"
          value={namespace}
          size={10}
          onInput={(e) => setNamespace(e.currentTarget.value)}
        />
      </label>
      <label class="field">
        <span>Identity id</span>
        <input type="text" value={id} size={16} onInput={(e) => setId(e.currentTarget.value)} />
      </label>
      <label class="checkbox">
        <input
          type="checkbox"
          checked={primary}
          onChange={(e) => setPrimary(e.currentTarget.checked)}
        />
        Primary
      </label>
      <button
        type="button"
        onClick={() =>
          editor.applyEdit(
            (text) => setIdentity(text, { namespace, id, primary }),
            (n) => `Set the ${namespace.trim()} identity in ${plural(n, 'event')}.`,
          )
        }
      >
        Set identity
      </button>
      <button
        type="button"
        onClick={() =>
          editor.applyEdit(
            (text) => removeIdentities(text, namespace),
            (n) => `Removed ${plural(n, 'identity namespace')}.`,
          )
        }
      >
        {namespace.trim() ? `Remove ${namespace.trim()} identities` : 'Remove all identities'}
      </button>
    </div>
  );
}

export function QuickOptions({ editor }: { editor: ResendModel }) {
  const [eventType, setType] = useState('');
  const result = editor.quickResult.value;
  return (
    <fieldset class="quick-options">
      <legend>Quick options</legend>
      <div class="quick-row">
        <label class="field">
          <span>Datastream id override</span>
          <input
            type="text"
            value={editor.datastream.value}
            size={38}
            spellcheck={false}
            onInput={(e) => editor.setDatastream(e.currentTarget.value)}
          />
        </label>
        <label class="checkbox">
          <input
            type="checkbox"
            checked={editor.newRequestId.value}
            onChange={(e) => (editor.newRequestId.value = e.currentTarget.checked)}
          />
          New requestId on every send
        </label>
      </div>
      <div class="quick-row">
        <label class="field">
          <span>New eventType</span>
          <input
            type="text"
            value={eventType}
            size={30}
            onInput={(e) => setType(e.currentTarget.value)}
          />
        </label>
        <button
          type="button"
          onClick={() =>
            editor.applyEdit(
              (text) => setEventType(text, eventType),
              (n) => `Set eventType in ${plural(n, 'event')}.`,
            )
          }
        >
          Set eventType
        </button>
        <button
          type="button"
          onClick={() => {
            editor.cookies.value = false;
            editor.applyEdit(
              dropStateEntries,
              (n) =>
                `New visitor: dropped ${plural(n, 'meta.state entry', 'meta.state entries')}; cookies are off.`,
            );
          }}
        >
          New visitor
        </button>
        <label class="checkbox">
          <input
            type="checkbox"
            checked={editor.cookies.value}
            onChange={(e) => (editor.cookies.value = e.currentTarget.checked)}
          />
          Send cookies
        </label>
      </div>
      <Identities editor={editor} />
      <p role="status" class={`quick-result${result && !result.ok ? ' problem' : ''}`}>
        {result?.text ?? ''}
      </p>
    </fieldset>
  );
}
