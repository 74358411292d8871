/**
 * Name/value rows (query parameters, request headers) as a table of text boxes. Each box has its
 * own accessible name (`Header 2 name`), so a screen reader user knows which row they are in.
 */

export interface Pair {
  name: string;
  value: string;
}

export interface PairsEditorProps {
  /** `Query parameters`, `Request headers`: the table's name. */
  label: string;
  /** `Parameter`, `Header`: one row's noun. */
  noun: string;
  rows: readonly Pair[];
  onChange: (rows: Pair[]) => void;
  /** A value box that is a secret (a token): typed as a password and never shown. */
  isSecret?: (name: string) => boolean;
  /** A short note about a row (a header the browser will drop), or undefined. */
  noteFor?: (row: Pair) => string | undefined;
}

export function PairsEditor({ label, noun, rows, onChange, isSecret, noteFor }: PairsEditorProps) {
  const update = (index: number, change: Partial<Pair>) =>
    onChange(rows.map((row, i) => (i === index ? { ...row, ...change } : row)));
  const remove = (index: number) => onChange(rows.filter((_, i) => i !== index));
  return (
    <div class="pairs">
      <table class="pairs-table" aria-label={label}>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Value</th>
            <th scope="col">
              <span class="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row, i) => {
            const note = noteFor?.(row);
            return (
              <tr key={i}>
                <td>
                  <input
                    type="text"
                    aria-label={`${noun} ${i + 1} name`}
                    value={row.name}
                    spellcheck={false}
                    onInput={(event) => update(i, { name: event.currentTarget.value })}
                  />
                </td>
                <td>
                  {isSecret?.(row.name) ? (
                    <input
                      type="password"
                      aria-label={`${noun} ${i + 1} value`}
                      value={row.value}
                      autocomplete="off"
                      onInput={(event) => update(i, { value: event.currentTarget.value })}
                    />
                  ) : (
                    <input
                      type="text"
                      aria-label={`${noun} ${i + 1} value`}
                      value={row.value}
                      spellcheck={false}
                      autocomplete="off"
                      onInput={(event) => update(i, { value: event.currentTarget.value })}
                    />
                  )}
                  {note && <span class="pair-note">{note}</span>}
                </td>
                <td>
                  <button
                    type="button"
                    aria-label={`Remove ${noun.toLowerCase()} ${i + 1}`}
                    onClick={() => remove(i)}
                  >
                    ✕
                  </button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <button type="button" onClick={() => onChange([...rows, { name: '', value: '' }])}>
        Add {noun.toLowerCase()}
      </button>
    </div>
  );
}
