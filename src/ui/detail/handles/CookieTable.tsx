/**
 * Cookies as a table: the ones Edge asks to store (`state:store`) and the ones alloy copied into
 * `meta.state.entries`. Key, meaning, value, max-age as a duration (or "session"), SameSite; the
 * kndctr identity cookie is decoded to its ECID, the consent cookie to its pairs.
 */
import type { CookieRow } from '../../../edge/cookies';
import { Notes } from '../Section';

function Decoded({ row }: { row: CookieRow }) {
  const identity = row.identity;
  if (identity) {
    const meta = identity.metadata;
    const extra = [
      meta?.createdAt && `created ${meta.createdAt}`,
      meta?.region && `region ${meta.region}`,
      meta?.isNew !== undefined && (meta.isNew ? 'new visitor' : 'returning visitor'),
    ].filter(Boolean);
    return (
      <div class="decoded">
        ECID {identity.ecid ?? '(none)'}
        {extra.length > 0 && ` (${extra.join(', ')})`}
        <Notes notes={identity.notes} label="Identity cookie notes" />
      </div>
    );
  }
  if (row.consent)
    return (
      <div class="decoded">
        Consent: {row.consent.map((pair) => `${pair.name}=${pair.value}`).join(', ')}
      </div>
    );
  return null;
}

export function CookieTable({
  caption,
  rows,
  withMaxAge = true,
}: {
  caption: string;
  rows: readonly CookieRow[];
  withMaxAge?: boolean;
}) {
  if (rows.length === 0) return <p class="note">{caption}: none.</p>;
  const withNotes = rows.some((row) => row.notes.length > 0);
  return (
    <table class="data-table">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Key</th>
          <th scope="col">Meaning</th>
          <th scope="col">Value</th>
          {withMaxAge && <th scope="col">Max-age</th>}
          <th scope="col">SameSite</th>
          {withNotes && <th scope="col">Notes</th>}
        </tr>
      </thead>
      <tbody>
        {rows.map((row, index) => (
          <tr key={`${index}:${row.key ?? ''}`}>
            <th scope="row" class="mono">
              {row.key ?? '(no key)'}
            </th>
            <td>
              {row.cookie.meaning}
              {row.cookie.usualLifetime && (
                <span class="muted"> (usually {row.cookie.usualLifetime})</span>
              )}
            </td>
            <td>
              <span class="mono">{row.value ?? '(no value)'}</span>
              <Decoded row={row} />
            </td>
            {withMaxAge && <td>{row.maxAge.text}</td>}
            <td>{row.sameSite ?? '—'}</td>
            {withNotes && (
              <td>
                <Notes notes={row.notes} />
              </td>
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
