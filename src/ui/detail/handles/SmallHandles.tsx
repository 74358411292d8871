/** The handle views that fit in a few lines: identity, consent, activation:pull, media, raw. */
import type {
  ActivationPullView,
  ConsentPreferencesView,
  IdentityResultView,
  MediaSessionView,
} from '../../../edge/handle-views';
import { JsonTree } from '../../json-tree/JsonTree';
import { Notes } from '../Section';

export function IdentityResult({ view }: { view: IdentityResultView }) {
  return (
    <table class="data-table">
      <caption>Identities Edge resolved</caption>
      <thead>
        <tr>
          <th scope="col">Namespace</th>
          <th scope="col">ID</th>
          <th scope="col">Notes</th>
        </tr>
      </thead>
      <tbody>
        {view.identities.map((identity, index) => (
          <tr key={index}>
            <th scope="row">{identity.namespace ?? '(no namespace)'}</th>
            <td class="mono">{identity.id ?? '(no id)'}</td>
            <td>
              <Notes notes={identity.notes} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function ConsentPreferences({ view }: { view: ConsentPreferencesView }) {
  return (
    <>
      {view.preferences.map((preference, index) => (
        <div key={index}>
          <ul class="plain" aria-label="Consent preferences">
            {preference.choices.map((choice) => (
              <li key={choice.purpose}>
                {choice.purpose} = {choice.value}
                {choice.meaning && ` (${choice.meaning})`}
              </li>
            ))}
          </ul>
          {preference.time && <p class="muted">Set at {preference.time}</p>}
          <Notes notes={preference.notes} />
        </div>
      ))}
    </>
  );
}

export function ActivationPull({ view }: { view: ActivationPullView }) {
  return (
    <ul class="plain" aria-label="Destinations">
      {view.destinations.map((destination, index) => (
        <li key={index}>
          Destination {destination.id ?? '(no id)'}: segments{' '}
          {destination.segments.join(', ') || 'none'}
          <Notes notes={destination.notes} />
        </li>
      ))}
    </ul>
  );
}

export function MediaSession({ view }: { view: MediaSessionView }) {
  return (
    <ul class="plain" aria-label="Media sessions">
      {view.sessions.map((session, index) => (
        <li key={index}>
          Session ID {session.sessionId ?? '(none)'}
          <Notes notes={session.notes} />
        </li>
      ))}
    </ul>
  );
}

export function RawJson({ value, label, path }: { value: unknown; label: string; path: string }) {
  return (
    <JsonTree value={value} label={label} rootLabel={path} rootPath={path} searchable={false} />
  );
}
