/**
 * The Response tab: what the status and headers say, errors and warnings explained, every handle
 * in body order grouped under its event (request-level ones first), notes, then the body.
 */
import type { DecodedCall } from '../../edge/decode-call';
import type { DecodedResponse } from '../../edge/decode-response';
import type { CallWithBodies } from '../../shared/protocol';
import { BodyPanel } from '../BodyPanel';
import type { DecodedBodies } from './decoded-bodies';
import { ErrorsSection } from './ErrorsSection';
import { Facts } from './Facts';
import { HandleCard } from './handles/HandleCard';
import { Card, Notes, Section } from './Section';

function Summary({ response }: { response: DecodedResponse }) {
  const explanation = response.statusExplanation;
  const match = response.requestIdMatch;
  const edge = response.edge;
  return (
    <Section title="Response">
      <Facts
        label="Response"
        facts={[
          [
            'Status',
            response.status === undefined
              ? undefined
              : `${response.status}${explanation ? ` ${explanation.name}` : ''}`,
          ],
          ['What it means', explanation?.cause],
          ['What to check', explanation?.check],
          ['Web SDK', response.alloy?.reason],
          [
            'requestId',
            response.requestId === undefined
              ? undefined
              : `${response.requestId} (from the ${response.requestIdSource === 'header' ? 'x-request-id header' : response.requestIdSource === 'report' ? 'problem report' : 'body'})`,
          ],
          ['requestId relation', match.text],
          [
            'x-adobe-edge',
            edge &&
              `${edge.raw}${edge.region ? ` (region ${edge.region}${edge.regionId !== undefined ? `, region id ${edge.regionId}` : ''})` : ''}${edge.note ? `. ${edge.note}` : ''}`,
          ],
          [
            'Retry-After',
            response.retryAfter &&
              `${response.retryAfter.text}${response.retryAfter.note ? `. ${response.retryAfter.note}` : ''}`,
          ],
        ]}
      />
    </Section>
  );
}

function Handles({ decoded, response }: { decoded: DecodedCall; response: DecodedResponse }) {
  if (response.shape !== 'handles') return null;
  const events = decoded.request?.events ?? [];
  const title = `Handles (${response.handles.length})`;
  if (response.handles.length === 0)
    return (
      <Section title={title}>
        <p class="note">
          {response.handleArray ? 'The handle array is empty.' : 'The body has no handle array.'}
        </p>
      </Section>
    );
  return (
    <Section title={title}>
      {response.groups.map((group) => {
        const event = group.eventIndex === undefined ? undefined : events[group.eventIndex];
        const name =
          group.eventIndex === undefined
            ? 'Request-level handles'
            : `Event ${group.eventIndex} · ${event ? (event.eventType ?? 'no eventType') : 'not in the request'}`;
        return (
          <Card key={group.eventIndex ?? 'request'} title={name}>
            {group.handles.map((handle) => (
              <HandleCard key={handle.position} handle={handle} />
            ))}
          </Card>
        );
      })}
    </Section>
  );
}

export function ResponseView({
  detail,
  decoding,
}: {
  detail: CallWithBodies;
  decoding: DecodedBodies;
}) {
  const { decoded } = decoding;
  const response = decoded.response;
  return (
    <>
      {response && <Summary response={response} />}
      {response && (
        <ErrorsSection
          errors={decoded.errors}
          fatal={response.problem}
          problems={[...response.errors, ...response.warnings]}
        />
      )}
      {response && <Handles decoded={decoded} response={response} />}
      <Notes notes={[...(response?.notes ?? []), ...decoded.notes]} label="Response notes" />
      <BodyPanel
        label="Response"
        meta={detail.call.response}
        text={detail.responseBody}
        parsed={decoding.responseJson}
      />
    </>
  );
}
