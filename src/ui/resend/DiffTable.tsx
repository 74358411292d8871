/** One side of the comparison (request or response) as a table keyed by JSON path. */
import { visibleDiff, type CallDiff } from '../../session/call-compare';

const MAX_VALUE = 300;

function valueText(value: unknown): string {
  if (value === undefined) return '—';
  let text: string;
  try {
    text =
      typeof value === 'string' ? JSON.stringify(value) : (JSON.stringify(value) ?? String(value));
  } catch {
    text = String(value);
  }
  return text.length > MAX_VALUE ? `${text.slice(0, MAX_VALUE)}…` : text;
}

const PARTS = { url: 'URL', query: 'Query', body: 'Body', status: 'Status' } as const;

export function DiffTable({
  label,
  diff,
  showVolatile,
}: {
  label: string;
  diff: CallDiff;
  showVolatile: boolean;
}) {
  const { shown, hiddenVolatile } = visibleDiff(diff, showVolatile);
  return (
    <section class="diff-section">
      <h3>{label}</h3>
      {shown.length === 0 ? (
        <p class="note">No differences.</p>
      ) : (
        <table class="diff-table" aria-label={label}>
          <thead>
            <tr>
              <th scope="col">Where</th>
              <th scope="col">Path</th>
              <th scope="col">Change</th>
              <th scope="col">Original</th>
              <th scope="col">Resend</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((entry) => (
              <tr key={`${entry.part}:${entry.path}`} class={`diff-${entry.change}`}>
                <td>{PARTS[entry.part]}</td>
                <td>
                  <code>{entry.path || '(whole body)'}</code>
                  {entry.volatile && <span class="volatile-tag"> volatile</span>}
                </td>
                <td>{entry.change}</td>
                <td>
                  <code>{valueText(entry.before)}</code>
                </td>
                <td>
                  <code>{valueText(entry.after)}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {hiddenVolatile > 0 && (
        <p class="note">
          {hiddenVolatile} volatile {hiddenVolatile === 1 ? 'difference' : 'differences'} hidden
          (timestamps, ids, cookie values and lifetimes).
        </p>
      )}
      {diff.notes.map((note) => (
        <p key={note} class="note">
          {note}
        </p>
      ))}
    </section>
  );
}
