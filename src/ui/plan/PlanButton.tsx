/**
 * Plan… in the top bar: load a tracking plan (a file, or a folder holding the plan and its
 * schema), see its name and rule count, load it again after an edit, or remove it. A refused plan
 * lists every problem; the plan in force stays.
 */
import { useRef, useState } from 'preact/hooks';
import type { PickedFile } from '../../validate/stored-plan';
import type { PlanModel } from './plan-model';
import { onDialogKeyDown } from '../dialog-keys';

async function picked(files: FileList | null): Promise<PickedFile[]> {
  return Promise.all(
    [...(files ?? [])].map(async (file) => ({
      path: file.webkitRelativePath || file.name,
      text: await file.text(),
    })),
  );
}

export function planLabel(model: PlanModel): string {
  const plan = model.plan.value;
  if (!plan) return 'No plan';
  const rules = `${plan.rules.length} ${plan.rules.length === 1 ? 'rule' : 'rules'}`;
  return `${plan.name} · ${rules}${plan.schemaPath ? ` · schema ${plan.schemaPath}` : ''}`;
}

export function PlanButton({ model }: { model: PlanModel }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [message, setMessage] = useState('');
  const plan = model.plan.value;
  const problems = model.problems.value;

  async function load(files: FileList | null) {
    const list = await picked(files);
    if (!list.length) return;
    setMessage('');
    if (await model.pick(list))
      setMessage(`Loaded: ${planLabel(model)}. Every call is checked again.`);
  }

  return (
    <>
      <button type="button" aria-haspopup="dialog" onClick={() => dialog.current?.showModal()}>
        {plan ? `Plan: ${plan.name}` : 'Plan…'}
      </button>
      <dialog
        ref={dialog}
        aria-labelledby="plan-title"
        class="plan-dialog"
        onKeyDown={onDialogKeyDown}
      >
        <h2 id="plan-title">Tracking plan</h2>
        <p role="status" aria-label="Plan in force">
          {plan ? `In force: ${planLabel(model)}` : 'No plan: calls are not validated.'}
        </p>
        <div class="plan-actions">
          <label class="file-button">
            {plan ? 'Load another plan file…' : 'Load a plan file…'}
            <input
              type="file"
              multiple
              accept=".yaml,.yml,.json,application/json"
              aria-label="Load a plan file (YAML or JSON, with its schema)"
              onChange={(event) => {
                const files = event.currentTarget.files;
                void load(files).finally(() => undefined);
                event.currentTarget.value = '';
              }}
            />
          </label>
          <label class="file-button">
            Load a plan folder…
            <input
              type="file"
              // @ts-expect-error: webkitdirectory is not in Preact's attribute types.
              webkitdirectory={true}
              aria-label="Load a plan folder (the plan and its schema)"
              onChange={(event) => {
                const files = event.currentTarget.files;
                void load(files);
                event.currentTarget.value = '';
              }}
            />
          </label>
          {plan && (
            <button
              type="button"
              onClick={() => {
                setMessage('');
                void model.remove().then(() => setMessage('The plan was removed.'));
              }}
            >
              Remove plan
            </button>
          )}
          <button type="button" onClick={() => dialog.current?.close()}>
            Close
          </button>
        </div>
        {problems.length > 0 && (
          <div role="alert" class="plan-problems">
            <p>The plan was not loaded{plan ? `; ${plan.name} stays in force` : ''}. Problems:</p>
            <ul>
              {problems.map((problem) => (
                <li key={problem}>{problem}</li>
              ))}
            </ul>
          </div>
        )}
        {message && <p class="note">{message}</p>}
      </dialog>
    </>
  );
}
