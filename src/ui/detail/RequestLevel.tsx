/**
 * What a request says for all its events: the identity fetch, `meta.state` (domain and the
 * kndctr cookies alloy copied), `meta.configOverrides`, a datastream override and the queue
 * time; and, for set-consent, the consent entries.
 */
import type { DecodedConsent } from '../../edge/consent';
import type { DecodedRequest } from '../../edge/decode-request';
import type { EdgeEndpoint } from '../../edge/endpoint';
import { JsonTree } from '../json-tree/JsonTree';
import { Facts } from './Facts';
import { CookieTable } from './handles/CookieTable';
import { Card, Notes, Section } from './Section';

function ConsentEntry({ consent }: { consent: DecodedConsent }) {
  return (
    <Card title={`Consent ${consent.index} · ${consent.standard ?? '?'} ${consent.version ?? '?'}`}>
      {consent.choices.length > 0 && (
        <table class="data-table">
          <caption>Choices</caption>
          <thead>
            <tr>
              <th scope="col">Purpose</th>
              <th scope="col">Value</th>
              <th scope="col">Meaning</th>
            </tr>
          </thead>
          <tbody>
            {consent.choices.map((choice) => (
              <tr key={choice.purpose}>
                <th scope="row">{choice.purpose}</th>
                <td>{choice.value}</td>
                <td>{choice.meaning ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Facts
        label={`Consent ${consent.index}`}
        facts={[
          ['Time', consent.time],
          ['TC string', consent.tcString],
          [
            'gdprApplies',
            consent.gdprApplies === undefined ? undefined : String(consent.gdprApplies),
          ],
        ]}
      />
      <Notes notes={consent.notes} />
    </Card>
  );
}

export function ConsentSection({ consent }: { consent: readonly DecodedConsent[] }) {
  if (consent.length === 0) return null;
  return (
    <Section title="Consent">
      {consent.map((entry) => (
        <ConsentEntry key={entry.index} consent={entry} />
      ))}
    </Section>
  );
}

export function RequestLevel({
  request,
  endpoint,
}: {
  request: DecodedRequest;
  endpoint?: EdgeEndpoint;
}) {
  const { meta } = request;
  const override = meta.datastreamOriginal
    ? `the configured datastream ${meta.datastreamOriginal} was overridden${endpoint?.datastreamId ? ` by ${endpoint.datastreamId}` : ''}`
    : undefined;
  return (
    <Section title="Request level">
      <Facts
        label="Request level"
        facts={[
          ['Identity fetch', request.identityFetch?.join(', ') || undefined],
          ['Cookie domain (meta.state.domain)', meta.stateDomain],
          [
            'Cookies enabled',
            meta.cookiesEnabled === undefined ? undefined : String(meta.cookiesEnabled),
          ],
          ['Datastream override', override],
          [
            'Queue time',
            meta.queueTimeMillis === undefined ? undefined : `${meta.queueTimeMillis} ms`,
          ],
          [
            'Target migration',
            meta.targetMigration === undefined ? undefined : String(meta.targetMigration),
          ],
          ['Request-level XDM', request.requestXdm === undefined ? undefined : 'yes (see XDM)'],
        ]}
      />
      {meta.stateEntries.length > 0 && (
        <CookieTable
          caption="Cookies sent in meta.state.entries"
          rows={meta.stateEntries}
          withMaxAge={false}
        />
      )}
      {meta.configOverrides.map((override) => (
        <div key={override.key}>
          <h5>
            Config override {override.key}
            {override.service && ` (${override.service})`}
          </h5>
          <JsonTree
            value={override.value}
            label={`Config override ${override.key}`}
            rootLabel={override.key}
            rootPath={`meta.configOverrides.${override.key}`}
            searchable={false}
          />
        </div>
      ))}
      <Notes notes={[...meta.notes, ...request.notes]} />
    </Section>
  );
}
