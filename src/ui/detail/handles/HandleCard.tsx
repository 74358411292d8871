/** One handle, rendered by the view of its type; unknown shapes fall back to raw JSON with a note. */
import type { DecodedHandle } from '../../../edge/handles';
import { Card, Notes } from '../Section';
import { CookieTable } from './CookieTable';
import { DestinationList } from './DestinationList';
import { LocationHintHandle } from './LocationHintHandle';
import { PersonalizationHandle } from './PersonalizationHandle';
import {
  ActivationPull,
  ConsentPreferences,
  IdentityResult,
  MediaSession,
  RawJson,
} from './SmallHandles';

function HandleBody({ handle }: { handle: DecodedHandle }) {
  const { view } = handle;
  const path = `handle[${handle.position}]`;
  if (handle.empty) return null;
  switch (view.kind) {
    case 'state:store':
      return <CookieTable caption="Cookies to store" rows={view.cookies} />;
    case 'identity:result':
      return <IdentityResult view={view} />;
    case 'identity:exchange':
      return <DestinationList caption="ID syncs" destinations={view.syncs} />;
    case 'locationHint:result':
      return <LocationHintHandle view={view} />;
    case 'consent:preferences':
      return <ConsentPreferences view={view} />;
    case 'personalization:decisions':
      return <PersonalizationHandle view={view} path={path} />;
    case 'activation:push':
      return <DestinationList caption="Destinations" destinations={view.destinations} />;
    case 'activation:pull':
      return <ActivationPull view={view} />;
    case 'media-analytics:new-session':
      return <MediaSession view={view} />;
    case 'brand-concierge:conversation':
    case 'identity:persist':
      return (
        <RawJson
          value={view.entries}
          label={`Payload of handle ${handle.position}`}
          path={`${path}.payload`}
        />
      );
    case 'raw':
      return (
        <RawJson value={handle.raw} label={`Handle ${handle.position} as received`} path={path} />
      );
  }
}

/** The decoder's one-line summary without the type it starts with (the title has it). */
function summaryOf(handle: DecodedHandle): string {
  if (handle.empty) return 'Nothing returned.';
  const prefix = `${handle.type ?? ''}: `;
  return handle.summary.startsWith(prefix) ? handle.summary.slice(prefix.length) : handle.summary;
}

export function HandleCard({ handle }: { handle: DecodedHandle }) {
  return (
    <Card title={`Handle ${handle.position} · ${handle.type ?? '(no type)'}`} level={5}>
      <p class="handle-summary">{summaryOf(handle)}</p>
      <Notes notes={handle.notes} />
      <HandleBody handle={handle} />
    </Card>
  );
}
