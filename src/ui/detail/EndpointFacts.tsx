/** Where the call went: what the URL says about region, version, action and datastream. */
import type { DecodedCall } from '../../edge/decode-call';
import { Facts } from './Facts';
import { Notes, Section } from './Section';

export function EndpointFacts({ decoded }: { decoded: DecodedCall }) {
  const endpoint = decoded.endpoint;
  if (!endpoint)
    return (
      <Section title="Endpoint">
        <Notes notes={decoded.notes} />
      </Section>
    );
  const action = endpoint.subAction
    ? `${decoded.action} (${endpoint.action}/${endpoint.subAction})`
    : decoded.action === endpoint.action
      ? decoded.action
      : `${decoded.action} (${endpoint.action})`;
  return (
    <Section title="Endpoint">
      <Facts
        label="Endpoint"
        facts={[
          ['Action', action],
          [
            'Host',
            `${endpoint.host} (${endpoint.adobeHost ? 'Adobe Edge host' : 'first-party domain (CNAME)'})`,
          ],
          ['Base path', endpoint.basePath ? `/${endpoint.basePath}` : '(none)'],
          ['Region', endpoint.region ?? 'none in the path (not pinned to a region)'],
          ['Media Edge', endpoint.media ? 'yes (/va/)' : undefined],
          ['API version', endpoint.version],
          [
            'Datastream',
            endpoint.datastreamId
              ? `${endpoint.datastreamId} (from ${endpoint.datastreamParam ?? 'the URL'})`
              : 'missing',
          ],
          ['requestId', endpoint.requestId ?? 'not sent'],
          ['Assurance validation token', endpoint.validationToken],
          ['Request body', decoded.request?.label],
        ]}
      />
    </Section>
  );
}
