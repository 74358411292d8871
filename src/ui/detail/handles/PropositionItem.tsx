/**
 * One proposition item, by its schema: a dom-action's action type and selector, HTML or JSON
 * content, a redirect URL, a ruleset's consequences, an offer's content. Content is shown as
 * text (HTML as its source), a URL is never a link.
 */
import type { PropositionItemView } from '../../../edge/proposition-items';
import { shortSchema } from '../../../edge/schemas';
import { JsonTree } from '../../json-tree/JsonTree';
import { Facts } from '../Facts';
import { Card, Notes } from '../Section';

function Content({ item, path }: { item: PropositionItemView; path: string }) {
  const content = item.content;
  if (content === undefined) return null;
  if (typeof content === 'string')
    return (
      <>
        <h6>Content</h6>
        <pre class="code">{content}</pre>
      </>
    );
  return (
    <>
      <h6>Content</h6>
      <JsonTree
        value={content}
        label={`Content of item ${item.index}`}
        rootLabel="content"
        rootPath={`${path}.data.content`}
        searchable={false}
      />
    </>
  );
}

function Rules({ item, path }: { item: PropositionItemView; path: string }) {
  if (!item.rules) return null;
  return (
    <ol class="plain" aria-label="Rules">
      {item.rules.map((rule, index) => (
        <li key={index}>
          Rule {index}:{' '}
          {rule.consequences
            .map(
              (c) =>
                `${c.type ?? '?'} ${c.schema ? shortSchema(c.schema) : '(no schema)'}${c.id ? ` (${c.id})` : ''}`,
            )
            .join('; ') || 'no consequences'}
          {rule.condition !== undefined && (
            <JsonTree
              value={rule.condition}
              label={`Condition of rule ${index}`}
              rootLabel="condition"
              rootPath={`${path}.data.rules[${index}].condition`}
              depth={1}
              searchable={false}
            />
          )}
        </li>
      ))}
    </ol>
  );
}

export function PropositionItem({ item, path }: { item: PropositionItemView; path: string }) {
  const showData = item.kind === 'unknown' && item.data !== undefined;
  return (
    <Card title={`Item ${item.index} · ${item.schemaShort}`} level={6}>
      <p class="item-summary">{item.summary}</p>
      <Facts
        label={`Item ${item.index}`}
        facts={[
          ['Schema', item.schema],
          ['Item id', item.id],
          ['Action type', item.actionType],
          ['Selector', item.selector],
          ['Prehiding selector', item.prehidingSelector],
          ['Format', item.format],
          ['Redirect URL', item.url],
          ['Language', item.language?.join(', ')],
          ['Delivery URL', item.deliveryUrl],
          ['Meta', item.meta.map((m) => `${m.name} = ${m.value}`).join('; ')],
        ]}
      />
      {item.kind !== 'redirect' && <Content item={item} path={path} />}
      <Rules item={item} path={path} />
      {showData && (
        <JsonTree
          value={item.data}
          label={`Data of item ${item.index}`}
          rootLabel="data"
          rootPath={`${path}.data`}
          searchable={false}
        />
      )}
      <Notes notes={item.notes} />
    </Card>
  );
}
