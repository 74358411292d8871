/**
 * The identityMap tab: each identityMap as a table (namespace, id, authenticatedState, primary)
 * with its findings next to the rows they are about, and the ECIDs the call carried or got back.
 */
import type { DecodedCall, IdentityMapAt } from '../../edge/decode-call';
import { Facts } from './Facts';
import { Card, Notes, Section } from './Section';

function primaryText(row: IdentityMapAt['map']['rows'][number]): string {
  if (row.primary) return 'yes';
  if (row.primaryAsSent !== undefined) return `no (sent ${JSON.stringify(row.primaryAsSent)})`;
  return 'no';
}

function MapTable({ at, eventType }: { at: IdentityMapAt; eventType?: string }) {
  const title =
    at.eventIndex === undefined
      ? 'identityMap of the request'
      : `identityMap of event ${at.eventIndex}${eventType ? ` · ${eventType}` : ''}`;
  const { rows, findings } = at.map;
  return (
    <Card title={title}>
      {rows.length > 0 && (
        <table class="data-table">
          <caption>{title}</caption>
          <thead>
            <tr>
              <th scope="col">Namespace</th>
              <th scope="col">ID</th>
              <th scope="col">authenticatedState</th>
              <th scope="col">Primary</th>
              <th scope="col">Findings</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr
                key={`${row.namespace}:${row.position}`}
                class={row.findings.length ? 'has-findings' : undefined}
              >
                <th scope="row">
                  {row.namespace}
                  {row.position > 0 && `[${row.position}]`}
                </th>
                <td class="mono">
                  {row.id ?? (row.raw !== undefined ? JSON.stringify(row.raw) : '(no id)')}
                </td>
                <td>
                  {row.authenticatedState}
                  {row.stateDefaulted && <span class="muted"> (default)</span>}
                </td>
                <td>{primaryText(row)}</td>
                <td>
                  <Notes notes={row.findings} label="Findings" />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Notes notes={findings} label="Findings for this identityMap" />
    </Card>
  );
}

export function IdentityView({ decoded }: { decoded: DecodedCall }) {
  const { identity } = decoded;
  const events = decoded.request?.events ?? [];
  // Map and row findings are shown next to their data; the rest compare ECIDs across the call.
  const local = new Set<string>();
  for (const { where, map } of identity.maps) {
    for (const finding of map.findings) local.add(`${where}: ${finding}`);
    for (const row of map.rows)
      for (const finding of row.findings)
        local.add(`${where}, ${row.namespace}[${row.position}]: ${finding}`);
  }
  const comparisons = identity.findings.filter((finding) => !local.has(finding));
  return (
    <>
      <Section title="identityMap">
        {identity.maps.length === 0 ? (
          <p class="note">No identityMap in this request.</p>
        ) : (
          identity.maps.map((at) => (
            <MapTable
              key={at.where}
              at={at}
              eventType={at.eventIndex === undefined ? undefined : events[at.eventIndex]?.eventType}
            />
          ))
        )}
      </Section>
      <Section title="ECID">
        <Facts
          label="ECID"
          facts={[
            ['From identity:result', identity.ecidFromResponse],
            ['In the identity cookie Edge stores', identity.ecidFromStoredCookie],
            ['In the identity cookie sent (meta.state)', identity.ecidFromSentCookie],
          ]}
        />
        {!identity.ecidFromResponse &&
          !identity.ecidFromStoredCookie &&
          !identity.ecidFromSentCookie && <p class="note">No ECID in this call.</p>}
        <Notes notes={comparisons} label="ECID findings" />
      </Section>
    </>
  );
}
