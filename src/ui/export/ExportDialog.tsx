/**
 * The export dialog: what to export (everything in view, what the filter shows, or the selected
 * call), the format, and the redaction rules — all on by default and shown before anything leaves.
 */
import { useRef, useState } from 'preact/hooks';
import { ALL_RULES, RULE_LABELS } from '../../session/redaction';
import type { RedactionRule } from '../../session/redaction';
import type { ViewerModel } from '../viewer-model';
import { FORMAT_LABELS, buildExport, download } from './run-export';
import type { ExportFormat } from './run-export';
import { onDialogKeyDown } from '../dialog-keys';

type Which = 'all' | 'filtered' | 'selected';

function idsFor(model: ViewerModel, which: Which): string[] {
  if (which === 'selected') return model.selectedId.value ? [model.selectedId.value] : [];
  if (which === 'filtered')
    return model.rows.value.filter((row) => row.kind === 'call').map((row) => row.key);
  return model.calls.value.map((call) => call.id);
}

export function ExportButton({ model }: { model: ViewerModel }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [which, setWhich] = useState<Which>('all');
  const [format, setFormat] = useState<ExportFormat>('har');
  const [rules, setRules] = useState<ReadonlySet<RedactionRule>>(new Set(ALL_RULES));
  const [message, setMessage] = useState('');

  async function run(event: Event) {
    event.preventDefault();
    const ids = idsFor(model, which);
    if (!ids.length) {
      setMessage('Nothing to export: no calls in that selection.');
      return;
    }
    setMessage(`Preparing ${ids.length} calls…`);
    const details = await model.fetchDetails(ids);
    let file;
    try {
      file = await buildExport(details, [...model.pages.value.values()], format, { rules });
    } catch (error) {
      setMessage(error instanceof Error ? error.message : String(error));
      return;
    }
    download(file);
    setMessage(
      `Saved ${file.fileName} (${details.length} calls; redaction: ${file.applied.join(', ') || 'none'}).`,
    );
  }

  const toggle = (rule: RedactionRule, on: boolean) => {
    const next = new Set(rules);
    if (on) next.add(rule);
    else next.delete(rule);
    setRules(next);
  };

  return (
    <>
      <button
        type="button"
        aria-haspopup="dialog"
        onClick={() => {
          // Every export starts redacted: a rule turned off for one file stays off for that one.
          setRules(new Set(ALL_RULES));
          setMessage('');
          dialog.current?.showModal();
        }}
      >
        Export…
      </button>
      <dialog
        ref={dialog}
        aria-labelledby="export-title"
        class="export-dialog"
        onKeyDown={onDialogKeyDown}
      >
        <form method="dialog" onSubmit={run}>
          <h2 id="export-title">Export</h2>
          <fieldset>
            <legend>Calls</legend>
            {(
              [
                ['all', `All calls in this view (${model.calls.value.length})`],
                ['filtered', `Calls the list shows (${model.visibleCallCount.value})`],
                ['selected', 'The selected call'],
              ] as const
            ).map(([value, label]) => (
              <label key={value} class="choice">
                <input
                  type="radio"
                  name="which"
                  checked={which === value}
                  onChange={() => setWhich(value)}
                />
                {label}
              </label>
            ))}
          </fieldset>
          <fieldset>
            <legend>Format</legend>
            {(Object.keys(FORMAT_LABELS) as ExportFormat[]).map((value) => (
              <label key={value} class="choice">
                <input
                  type="radio"
                  name="format"
                  checked={format === value}
                  onChange={() => setFormat(value)}
                />
                {FORMAT_LABELS[value]}
              </label>
            ))}
          </fieldset>
          <fieldset>
            <legend>Redaction (applied before the file is written)</legend>
            {ALL_RULES.map((rule) => (
              <label key={rule} class="choice">
                <input
                  type="checkbox"
                  checked={rules.has(rule)}
                  onChange={(e) => toggle(rule, e.currentTarget.checked)}
                />
                {RULE_LABELS[rule]}
              </label>
            ))}
          </fieldset>
          <p role="status" aria-label="Export status" class="note">
            {message}
          </p>
          <div class="dialog-buttons">
            <button type="submit">Download</button>
            <button type="button" onClick={() => dialog.current?.close()}>
              Close
            </button>
          </div>
        </form>
      </dialog>
    </>
  );
}
