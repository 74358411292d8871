/** Pause or resume capture and export the tab's calls: the popup's and the side panel's buttons. */
import { useState } from 'preact/hooks';

export interface CaptureActionsModel {
  togglePaused(): Promise<unknown>;
  /** The saved file's name, or nothing when nothing was saved. */
  exportAs(format: 'har' | 'csv'): Promise<string | undefined>;
}

export function CaptureActions({
  model,
  paused,
  label,
}: {
  model: CaptureActionsModel;
  paused: boolean;
  label: string;
}) {
  const [saved, setSaved] = useState('');
  const save = (format: 'har' | 'csv') =>
    void model.exportAs(format).then((name) => setSaved(name ? `Saved ${name}` : ''));
  return (
    <div class="actions" role="group" aria-label={label}>
      <button type="button" onClick={() => void model.togglePaused()}>
        {paused ? 'Resume capture' : 'Pause capture'}
      </button>
      <button type="button" onClick={() => save('har')}>
        Export HAR
      </button>
      <button type="button" onClick={() => save('csv')}>
        Export CSV
      </button>
      {saved && <p class="note">{saved}</p>}
    </div>
  );
}
