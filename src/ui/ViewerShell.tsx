/**
 * Around the viewer: which view is shown (live capture of this tab, of all tabs, or an imported
 * file, each its own model), and the Import… / Export… actions. Imported calls never mix with
 * live capture: each file is a view of its own.
 */
import { signal } from '@preact/signals';
import type { Signal } from '@preact/signals';
import type { Scope } from '../shared/protocol';
import { ExportButton } from './export/ExportDialog';
import { createPlanModel, memoryPlanStorage, type PlanModel } from './plan/plan-model';
import { PlanButton } from './plan/PlanButton';
import { createImportTransport } from './import-transport';
import { KeysButton, KeysHelp } from './KeysHelp';
import { resendClient } from './resend/resend-client';
import type { ViewerTransport } from './transport';
import { Viewer } from './Viewer';
import { createViewerModel } from './viewer-model';
import type { ViewerModel } from './viewer-model';

export interface View {
  id: string;
  label: string;
  model: ViewerModel;
}

export interface Shell {
  views: Signal<readonly View[]>;
  active: Signal<string>;
  importError: Signal<string>;
  /** The tracking plan in force: the worker validates live capture, imports validate here. */
  plan: PlanModel;
  /** Opens the "all tabs" live view on first use. */
  showAllTabs(): void;
}

/** `firstTransport`, when given, serves the first view (the panel also sends DevTools entries on it). */
export function createShell(
  scope: Scope,
  liveTransport: (scope: Scope) => ViewerTransport,
  firstTransport?: ViewerTransport,
  plan: PlanModel = createPlanModel(memoryPlanStorage()),
): Shell {
  const live = (s: Scope, transport = liveTransport(s)): View => {
    const model = createViewerModel({ scope: s, transport });
    model.start();
    const id = s.tabId === undefined ? 'live-all' : `live-${s.tabId}`;
    const label = s.tabId === undefined ? 'All tabs (live)' : `Tab ${s.tabId} (live)`;
    return { id, label, model };
  };
  const first = live(scope, firstTransport);
  const views = signal<readonly View[]>([first]);
  const active = signal(first.id);
  return {
    views,
    active,
    importError: signal(''),
    plan,
    showAllTabs() {
      if (!views.value.some((v) => v.id === 'live-all')) views.value = [...views.value, live({})];
      active.value = 'live-all';
    },
  };
}

let importCounter = 0;

async function importInto(shell: Shell, file: File): Promise<void> {
  shell.importError.value = '';
  // The import (and the analysis it runs) loads on first use, not with the panel.
  const { IMPORT_LIMIT_BYTES, importFile } = await import('../session/import');
  if (file.size > IMPORT_LIMIT_BYTES) {
    shell.importError.value = `${file.name} was not imported: it is ${(file.size / 1024 / 1024).toFixed(1)} MB; files up to ${IMPORT_LIMIT_BYTES / 1024 / 1024} MB can be imported.`;
    return;
  }
  const result = importFile(
    file.name,
    await file.text(),
    `import-${Date.now()}-${++importCounter}`,
    {
      plan: shell.plan.plan.peek(),
    },
  );
  if (!result.ok) {
    shell.importError.value = `${file.name} was not imported: ${result.reason}`;
    return;
  }
  const model = createViewerModel({
    scope: {},
    transport: createImportTransport(result, shell.plan.plan, resendClient()),
    ended: true,
  });
  model.start();
  const skipped = result.skipped ? `, ${result.skipped} other requests skipped` : '';
  const view = {
    id: result.origin.importId,
    label: `Imported: ${file.name} (${result.calls.length} Edge calls${skipped})`,
    model,
  };
  shell.views.value = [...shell.views.value, view];
  shell.active.value = view.id;
}

function ViewPicker({ shell }: { shell: Shell }) {
  const hasAll = shell.views.value.some((v) => v.id === 'live-all');
  return (
    <label class="view-picker">
      View
      <select
        value={shell.active.value}
        onChange={(event) => {
          const value = event.currentTarget.value;
          if (value === 'live-all') shell.showAllTabs();
          else shell.active.value = value;
        }}
      >
        {shell.views.value.map((view) => (
          <option key={view.id} value={view.id}>
            {view.label}
          </option>
        ))}
        {!hasAll && <option value="live-all">All tabs (live)</option>}
      </select>
    </label>
  );
}

export function ViewerShell({ shell, title }: { shell: Shell; title: string }) {
  const view = shell.views.value.find((v) => v.id === shell.active.value) ?? shell.views.value[0];
  if (!view) return null;
  return (
    <div class="shell">
      <div role="toolbar" aria-label="Session" class="toolbar session-bar">
        <ViewPicker shell={shell} />
        <label class="file-button">
          Import…
          <input
            type="file"
            accept=".har,.json,application/json"
            aria-label="Import a HAR or session file"
            onChange={(event) => {
              const file = event.currentTarget.files?.[0];
              event.currentTarget.value = '';
              if (file) void importInto(shell, file);
            }}
          />
        </label>
        <ExportButton model={view.model} />
        <PlanButton model={shell.plan} />
        <KeysButton />
      </div>
      <KeysHelp />
      {shell.importError.value && (
        <p role="alert" class="import-error">
          {shell.importError.value}
        </p>
      )}
      <Viewer key={view.id} model={view.model} title={`${title} · ${view.label}`} />
    </div>
  );
}
