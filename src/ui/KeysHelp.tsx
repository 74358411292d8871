/**
 * The Keyboard shortcuts dialog: the `?` key or the Keys button opens it, and it lists the one
 * keymap (keymap.ts), so it says what the handlers do. A modal <dialog>: Escape closes it and the
 * browser gives the focus back to where it was.
 */
import { signal } from '@preact/signals';
import { useEffect, useRef } from 'preact/hooks';
import { onDialogKeyDown } from './dialog-keys';
import { CONTEXT_TITLES, KEYMAP, keyLabels, type KeyContext } from './keymap';

const open = signal(false);

export function openKeysHelp(): void {
  open.value = true;
}

export function KeysButton() {
  return (
    <button
      type="button"
      aria-haspopup="dialog"
      aria-keyshortcuts="?"
      title="Keyboard shortcuts (?)"
      onClick={openKeysHelp}
    >
      Keys
    </button>
  );
}

const CONTEXTS = Object.keys(CONTEXT_TITLES) as KeyContext[];

export function KeysHelp() {
  const dialog = useRef<HTMLDialogElement>(null);
  const shown = open.value;
  useEffect(() => {
    const element = dialog.current;
    if (shown && element && !element.open) element.showModal();
  }, [shown]);
  useEffect(
    () => () => {
      open.value = false;
    },
    [],
  );
  return (
    <dialog
      ref={dialog}
      aria-labelledby="keys-title"
      class="keys-dialog"
      onKeyDown={onDialogKeyDown}
      onClose={() => {
        open.value = false;
      }}
    >
      <h2 id="keys-title">Keyboard shortcuts</h2>
      {shown &&
        CONTEXTS.map((context) => (
          <table key={context} class="keys-table">
            <caption>{CONTEXT_TITLES[context]}</caption>
            <tbody>
              {KEYMAP.filter((binding) => binding.context === context).map((binding) => (
                <tr key={binding.action}>
                  <th scope="row">
                    {keyLabels(binding).map((label, i) => (
                      <span key={label}>
                        {i > 0 && ' '}
                        <kbd>{label}</kbd>
                      </span>
                    ))}
                  </th>
                  <td>{binding.does}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ))}
      <div class="dialog-buttons">
        <button type="button" onClick={() => dialog.current?.close()}>
          Close
        </button>
      </div>
    </dialog>
  );
}
