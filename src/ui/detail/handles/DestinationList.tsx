/** `identity:exchange` ID syncs and `activation:push` destinations: URL or cookie, with TTL. */
import type { Destination } from '../../../edge/handle-views';
import { Notes } from '../Section';

function target(destination: Destination): string {
  if (destination.url !== undefined) return destination.url;
  if (destination.cookieName !== undefined)
    return `cookie ${destination.cookieName}=${destination.cookieValue ?? ''}${destination.cookieDomain ? ` on ${destination.cookieDomain}` : ''}`;
  return '—';
}

export function DestinationList({
  caption,
  destinations,
}: {
  caption: string;
  destinations: readonly Destination[];
}) {
  if (destinations.length === 0) return null;
  return (
    <table class="data-table">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">ID</th>
          <th scope="col">Type</th>
          <th scope="col">URL or cookie</th>
          <th scope="col">TTL</th>
          <th scope="col">Notes</th>
        </tr>
      </thead>
      <tbody>
        {destinations.map((destination, index) => (
          <tr key={index}>
            <th scope="row">{destination.id ?? '(no id)'}</th>
            <td>{destination.type ?? '—'}</td>
            {/* A URL from the server is text, never a link: it could be javascript:. */}
            <td class="mono">{target(destination)}</td>
            <td>{destination.ttl ?? '—'}</td>
            <td>
              {destination.hideReferrer && 'hides the referrer'}
              <Notes notes={destination.notes} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
