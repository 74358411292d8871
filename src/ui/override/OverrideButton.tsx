/**
 * "Override datastream…" in the viewer's toolbar, for the tab the viewer follows: a dialog with
 * the datastream id, an optional edge domain and the Tags environment, checked before it is sent
 * (each problem said next to its field), then Apply or Turn off. Hidden where the browser cannot
 * redirect one tab's requests, and in a view of all tabs.
 */
import { useId, useRef, useState } from 'preact/hooks';
import { checkOverride, type TagsEnvironment } from '../../session/override-rules';
import { onDialogKeyDown } from '../dialog-keys';
import { useTabOverride } from './OverrideBanner';
import { overrideClient, type OverrideClient } from './override-client';

export function OverrideButton({
  tabId,
  client = overrideClient(),
}: {
  tabId: number | undefined;
  client?: OverrideClient;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const override = useTabOverride(tabId, client);
  const [datastreamId, setDatastreamId] = useState('');
  const [edgeDomain, setEdgeDomain] = useState('');
  const [tags, setTags] = useState<'' | TagsEnvironment>('');
  const [errors, setErrors] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const id = useId();
  if (tabId === undefined || !client.supported) return null;

  function open() {
    setDatastreamId(override?.datastreamId ?? '');
    setEdgeDomain(override?.edgeDomain ?? '');
    setTags(override?.tags ?? '');
    setErrors([]);
    dialog.current?.showModal();
  }

  async function apply(event: Event) {
    event.preventDefault();
    const checked = checkOverride({ datastreamId, edgeDomain, tags });
    if (!checked.ok) {
      setErrors(checked.errors);
      return;
    }
    setBusy(true);
    const reply = await client.set(tabId!, checked.request);
    setBusy(false);
    if (!reply.ok) return setErrors(reply.errors);
    setErrors([]);
    dialog.current?.close();
  }

  async function turnOff() {
    setBusy(true);
    const reply = await client.clear(tabId!);
    setBusy(false);
    if (!reply.ok) return setErrors(reply.errors);
    dialog.current?.close();
  }

  const dsError = errors.find((e) => /datastream id/i.test(e));
  const domainError = errors.find((e) => /edge domain/i.test(e));
  return (
    <>
      <button
        type="button"
        aria-haspopup="dialog"
        class={override ? 'override-on' : undefined}
        onClick={open}
      >
        {override ? 'Override on…' : 'Override datastream…'}
      </button>
      <dialog
        ref={dialog}
        aria-labelledby={`${id}-title`}
        aria-describedby={`${id}-help`}
        class="override-dialog"
        onKeyDown={onDialogKeyDown}
      >
        <form onSubmit={(event) => void apply(event)} noValidate>
          <h2 id={`${id}-title`}>Override datastream for this tab</h2>
          <p id={`${id}-help`} class="note">
            Every Edge call of this tab goes to the datastream (and edge domain) below until you
            turn it off or close the tab. Other tabs are not changed.
          </p>
          <label for={`${id}-ds`}>Datastream id</label>
          <input
            id={`${id}-ds`}
            type="text"
            spellcheck={false}
            autocomplete="off"
            value={datastreamId}
            aria-invalid={dsError ? 'true' : undefined}
            aria-describedby={dsError ? `${id}-ds-error` : undefined}
            onInput={(event) => setDatastreamId(event.currentTarget.value)}
          />
          {dsError && (
            <p id={`${id}-ds-error`} class="field-error">
              {dsError}
            </p>
          )}
          <label for={`${id}-domain`}>Edge domain (optional)</label>
          <input
            id={`${id}-domain`}
            type="text"
            spellcheck={false}
            autocomplete="off"
            placeholder="edge.adobedc.net"
            value={edgeDomain}
            aria-invalid={domainError ? 'true' : undefined}
            aria-describedby={domainError ? `${id}-domain-error` : undefined}
            onInput={(event) => setEdgeDomain(event.currentTarget.value)}
          />
          {domainError && (
            <p id={`${id}-domain-error`} class="field-error">
              {domainError}
            </p>
          )}
          <label for={`${id}-tags`}>Tags library</label>
          <select
            id={`${id}-tags`}
            value={tags}
            onChange={(event) => setTags(event.currentTarget.value as '' | TagsEnvironment)}
          >
            <option value="">Production (unchanged)</option>
            <option value="staging">Staging build</option>
            <option value="development">Development build</option>
          </select>
          {errors.length > 0 && (
            <div role="alert" class="override-errors">
              <p>The override was not applied:</p>
              <ul>
                {errors.map((e) => (
                  <li key={e}>{e}</li>
                ))}
              </ul>
            </div>
          )}
          <div class="override-actions">
            <button type="submit" disabled={busy}>
              Apply
            </button>
            {override && (
              <button type="button" disabled={busy} onClick={() => void turnOff()}>
                Turn off
              </button>
            )}
            <button type="button" onClick={() => dialog.current?.close()}>
              Cancel
            </button>
          </div>
        </form>
      </dialog>
    </>
  );
}
