/** One event of the request, with its index: what happened, when, where, and what was asked. */
import type { DecodedEvent, PersonalizationQuery } from '../../edge/request-event';
import { identityLabel } from '../../edge/identity-map';
import { path, text } from '../../edge/read';
import { JsonTree } from '../json-tree/JsonTree';
import { Facts } from './Facts';
import { Card, Notes } from './Section';

const list = (values: readonly string[]) => (values.length ? values.join(', ') : 'none');

function Personalization({ query }: { query: PersonalizationQuery }) {
  return (
    <>
      <h5>Personalization asked for (query.personalization)</h5>
      <Facts
        label="Personalization query"
        facts={[
          ['Enabled', query.enabled ? undefined : 'no (Target authoring mode)'],
          ['Decision scopes', list(query.decisionScopes)],
          ['Surfaces', list(query.surfaces)],
          ['Schemas', list(query.schemas.map((schema) => schema.short))],
        ]}
      />
      <Notes notes={query.notes} />
    </>
  );
}

function DataTree({ title, value, path }: { title: string; value: unknown; path: string }) {
  return (
    <>
      <h5>{title}</h5>
      <JsonTree value={value} label={title} rootLabel={path} rootPath={path} searchable={false} />
    </>
  );
}

/** `exit: link (other)`: what a link or interaction event says it was. */
function interactionOf(xdm: unknown): string | undefined {
  const name = text(path(xdm, 'web', 'webInteraction', 'name'));
  const type = text(path(xdm, 'web', 'webInteraction', 'type'));
  if (name === undefined && type === undefined) return undefined;
  return `${name ?? '(no name)'}${type ? ` (${type})` : ''}`;
}

export function EventSection({ event, base }: { event: DecodedEvent; base: string }) {
  const map = event.identityMap;
  const identities = map
    ? `${map.rows.length} in identityMap${map.primary ? `; primary ${identityLabel(map.primary)}` : ''}${map.findings.length ? ` (${map.findings.length} findings: see identityMap)` : ''}`
    : undefined;
  const notification = event.notification;
  const media = event.media;
  return (
    <Card title={`Event ${event.index} · ${event.eventType ?? 'no eventType'}`}>
      <Facts
        label={`Event ${event.index}`}
        facts={[
          ['Event type', event.eventType ?? 'no eventType'],
          ['Timestamp', event.timestamp],
          ['Page URL', event.pageUrl],
          ['Page name', event.pageName],
          ['Interaction (web.webInteraction)', interactionOf(event.xdm)],
          ['Identities', identities],
          [
            'Proposition event',
            notification &&
              `${list(notification.eventTypes)} of ${notification.propositions
                .map((p) => `${p.scope ?? '?'}${p.activityId ? ` (activity ${p.activityId})` : ''}`)
                .join(', ')}`,
          ],
          ['Action label', notification?.actionLabel],
          ['Media session', media?.sessionId],
          ['Playhead', media?.playhead?.toString()],
          ['Session details', media?.sessionDetails.map((d) => `${d.name}=${d.value}`).join(', ')],
        ]}
      />
      {event.personalization && <Personalization query={event.personalization} />}
      {event.analytics !== undefined && (
        <DataTree
          title="Adobe Analytics (data.__adobe.analytics)"
          value={event.analytics}
          path={`${base}.data.__adobe.analytics`}
        />
      )}
      {event.target !== undefined && (
        <DataTree
          title="Adobe Target (data.__adobe.target)"
          value={event.target}
          path={`${base}.data.__adobe.target`}
        />
      )}
      {event.data !== undefined && (
        <DataTree title={`data of event ${event.index}`} value={event.data} path={`${base}.data`} />
      )}
      <Notes notes={event.notes} />
    </Card>
  );
}
