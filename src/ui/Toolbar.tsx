/** The viewer's controls and its status line. */
import type { ViewerModel } from './viewer-model';
import { pluralCalls } from './format';
import { keyAction } from './keymap';
import type { VerdictCounts } from '../validate/types';
import { OverrideButton } from './override/OverrideButton';

export function Toolbar({ model }: { model: ViewerModel }) {
  const paused = model.status.value.paused;
  return (
    <div role="toolbar" aria-label="Capture controls" class="toolbar">
      <button type="button" onClick={() => model.clear()}>
        Clear
      </button>
      <button
        type="button"
        class={paused ? 'paused' : undefined}
        onClick={() => model.togglePaused()}
      >
        {paused ? 'Resume' : 'Pause'}
      </button>
      <label class="checkbox">
        <input
          type="checkbox"
          checked={model.preserveLog.value}
          onChange={(event) => model.setPreserveLog(event.currentTarget.checked)}
        />
        Preserve log
      </label>
      <OverrideButton tabId={model.scope.tabId} />
      {model.hiddenCount.value > 0 && (
        <label class="checkbox">
          <input
            type="checkbox"
            checked={model.showHidden.value}
            onChange={(event) => model.setShowHidden(event.currentTarget.checked)}
          />
          Show hidden ({model.hiddenCount.value})
        </label>
      )}

      <input
        type="text"
        class="filter"
        aria-label="Filter"
        placeholder="Filter: action, event type, datastream, status, URL, is:fail, is:warn, rule:ID (-term excludes)"
        spellcheck={false}
        autocomplete="off"
        value={model.filter.value}
        onInput={(event) => model.setFilter(event.currentTarget.value)}
        onKeyDown={(event) => {
          if (keyAction('filter', event)?.action !== 'to-list') return;
          event.preventDefault();
          model.revealInList(true);
        }}
      />
    </div>
  );
}

/** "12 events fail the plan", "2 events warn", "all 14 events pass the plan". */
export function validationWords(counts: VerdictCounts): string {
  const events = (n: number) => `${n} ${n === 1 ? 'event' : 'events'}`;
  if (counts.failed) {
    const warned = counts.warned
      ? `, ${events(counts.warned)} ${counts.warned === 1 ? 'warns' : 'warn'}`
      : '';
    return `${events(counts.failed)} ${counts.failed === 1 ? 'fails' : 'fail'} the plan${warned}`;
  }
  if (counts.warned) return `${events(counts.warned)} ${counts.warned === 1 ? 'warns' : 'warn'}`;
  return counts.events ? `all ${events(counts.events)} pass the plan` : 'no events to validate';
}

export function StatusLine({ model }: { model: ViewerModel }) {
  const total = model.calls.value.length;
  const shown = model.visibleCallCount.value;
  const { evicted, paused } = model.status.value;
  const connection = model.connection.value;
  const parts: string[] = [
    shown === total ? pluralCalls(total) : `${shown} of ${pluralCalls(total)}`,
  ];
  if (evicted > 0) parts.push(`${evicted} evicted by the store cap`);
  const validation = model.validation.value;
  if (validation) parts.push(validationWords(validation.counts));
  if (paused) parts.push('Paused');
  if (connection === 'reconnecting') parts.push('Reconnecting…');
  else if (connection === 'connecting') parts.push('Connecting…');
  else if (connection === 'incompatible' || connection === 'invalidated')
    parts.push('Disconnected');
  else if (model.loading.value) parts.push('Loading…');
  return (
    <div role="status" aria-label="Capture status" class="status-line">
      {parts.join(' · ')}
    </div>
  );
}
