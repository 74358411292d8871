/** The Request tab: the decoded request (endpoint, events, consent, request level), then the body. */
import type { CallWithBodies } from '../../shared/protocol';
import { BodyPanel } from '../BodyPanel';
import type { DecodedBodies } from './decoded-bodies';
import { EndpointFacts } from './EndpointFacts';
import { eventBase } from './event-path';
import { EventSection } from './EventSection';
import { ConsentSection, RequestLevel } from './RequestLevel';
import { Section } from './Section';

export function RequestView({
  detail,
  decoding,
}: {
  detail: CallWithBodies;
  decoding: DecodedBodies;
}) {
  const { decoded } = decoding;
  const request = decoded.request;
  return (
    <>
      <EndpointFacts decoded={decoded} />
      {request && request.events.length > 0 && (
        <Section
          title={request.events.length === 1 ? 'Event' : `Events (${request.events.length})`}
        >
          {request.events.map((event) => (
            <EventSection
              key={event.index}
              event={event}
              base={eventBase(request.shape, event.index)}
            />
          ))}
        </Section>
      )}
      {request && <ConsentSection consent={request.consent} />}
      {request && <RequestLevel request={request} endpoint={decoded.endpoint} />}
      <BodyPanel
        label="Request"
        meta={detail.call.request}
        text={detail.requestBody}
        parsed={decoding.requestJson}
      />
    </>
  );
}
