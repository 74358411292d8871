/**
 * `personalization:decisions`: each proposition with its scope, decision provider, activity,
 * experience and placement, then its items by schema.
 */
import type { PersonalizationView } from '../../../edge/handle-views';
import type { PropositionView } from '../../../edge/personalization';
import { Facts } from '../Facts';
import { Card, Notes } from '../Section';
import { PropositionItem } from './PropositionItem';

function named(thing: { id?: string; name?: string } | undefined): string | undefined {
  if (!thing) return undefined;
  if (thing.name !== undefined) return `${thing.name}${thing.id ? ` (id ${thing.id})` : ''}`;
  return thing.id === undefined ? undefined : `id ${thing.id}`;
}

function Proposition({ proposition, path }: { proposition: PropositionView; path: string }) {
  const { activity } = proposition;
  const provider = proposition.decisionProvider
    ? `${proposition.decisionProvider}${proposition.decisionProviderCode && proposition.decisionProviderCode !== proposition.decisionProvider ? ` (${proposition.decisionProviderCode})` : ''}`
    : undefined;
  return (
    <Card
      title={`Proposition ${proposition.index} · ${proposition.scope ?? '(no scope)'}`}
      level={6}
    >
      <Facts
        label={`Proposition ${proposition.index}`}
        facts={[
          ['Scope', proposition.scopeText],
          ['Decision provider', provider],
          ['Activity', named(activity)],
          ['Activity priority', activity?.priority?.toString()],
          ['Experience', named(proposition.experience)],
          ['Placement', proposition.placement?.id],
          ['Scope type', proposition.scopeType],
          ['Proposition id', proposition.id],
          ['Analytics token', proposition.analyticsToken],
        ]}
      />
      <Notes notes={proposition.notes} />
      {proposition.items.map((item) => (
        <PropositionItem key={item.index} item={item} path={`${path}.items[${item.index}]`} />
      ))}
    </Card>
  );
}

export function PersonalizationHandle({ view, path }: { view: PersonalizationView; path: string }) {
  return (
    <>
      {view.propositions.map((proposition) => (
        <Proposition
          key={proposition.index}
          proposition={proposition}
          path={`${path}.payload[${proposition.index}]`}
        />
      ))}
    </>
  );
}
