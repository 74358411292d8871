/**
 * Where to send from, the Send button, and the guard rails: what blocks a send (role alert),
 * what needs a confirmation (an alertdialog: invalid JSON with its line and column, another
 * host), what happened (role status), and the offer to send from the extension when the tab is
 * gone.
 */
import { useEffect, useId, useRef } from 'preact/hooks';
import type { ResendFrom } from '../../shared/protocol';
import { outcomeText } from './outcome-text';
import type { ResendModel } from './resend-model';

function Confirm({ editor }: { editor: ResendModel }) {
  const issues = editor.confirming.value;
  const safe = useRef<HTMLButtonElement>(null);
  const titleId = useId();
  const listId = useId();
  useEffect(() => safe.current?.focus(), [issues]);
  if (!issues) return null;
  return (
    <div role="alertdialog" class="confirm" aria-labelledby={titleId} aria-describedby={listId}>
      <p id={titleId} class="confirm-title">
        Send anyway?
      </p>
      <ul id={listId}>
        {issues.map((issue) => (
          <li key={issue.kind}>{issue.message}</li>
        ))}
      </ul>
      <button type="button" onClick={() => void editor.send(true)}>
        Send anyway
      </button>
      <button type="button" ref={safe} onClick={editor.cancelConfirm}>
        Don't send
      </button>
    </div>
  );
}

function FromChoice({ editor }: { editor: ResendModel }) {
  const name = useId();
  const choose = (from: ResendFrom) => () => (editor.from.value = from);
  return (
    <fieldset class="send-from">
      <legend>Send from</legend>
      <label class="checkbox">
        <input
          type="radio"
          name={name}
          checked={editor.from.value === 'page'}
          disabled={editor.tabGone.value}
          onChange={choose('page')}
        />
        The page (its origin, cookies and CORS)
      </label>
      <label class="checkbox">
        <input
          type="radio"
          name={name}
          checked={editor.from.value === 'extension'}
          onChange={choose('extension')}
        />
        The extension (cookies and origin differ)
      </label>
    </fieldset>
  );
}

export function SendBar({ editor }: { editor: ResendModel }) {
  const state = editor.sending.value;
  const blocked = editor.blocked.value;
  const outcome = state.state === 'done' ? state.outcome : undefined;
  const offerExtension = outcome && !outcome.ok && outcome.reason === 'tab-gone';
  return (
    <div class="send-bar">
      <FromChoice editor={editor} />
      <button
        type="button"
        class="primary"
        disabled={state.state === 'sending'}
        onClick={() => void editor.send()}
      >
        Send
      </button>
      {blocked.length > 0 && (
        <div role="alert" class="problem">
          {blocked.map((issue) => (
            <p key={issue.kind}>{issue.message}</p>
          ))}
        </div>
      )}
      <Confirm editor={editor} />
      <p role="status" class="send-status">
        {state.state === 'sending' ? 'Sending…' : outcome ? outcomeText(outcome) : ''}
      </p>
      {offerExtension && (
        <div class="offer">
          <p>
            It can be sent from the extension instead. Cookies will differ: the request has no page
            origin, and carries only cookies the browser keeps for the Edge host, none of the page's
            own.
          </p>
          <button type="button" onClick={() => void editor.sendFromExtension()}>
            Send from the extension
          </button>
        </div>
      )}
    </div>
  );
}
