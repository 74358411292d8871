/** The XDM tab: each event's `xdm` (and a request-level `xdm`) as a searchable JSON tree. */
import type { DecodedRequest } from '../../edge/decode-request';
import { JsonTree } from '../json-tree/JsonTree';
import type { XdmReveal } from '../viewer-model';
import { eventBase } from './event-path';
import { Section } from './Section';

export function XdmView({
  request,
  reveal,
}: {
  request?: DecodedRequest;
  /** An event's node to open and select (from a validation finding). */
  reveal?: XdmReveal;
}) {
  const events = (request?.events ?? []).filter((event) => event.xdm !== undefined);
  if (!request || (events.length === 0 && request.requestXdm === undefined))
    return (
      <p class="note">
        No XDM in this request
        {request?.shape === 'consent' || request?.shape === 'identity'
          ? ` (a ${request.shape === 'consent' ? 'set-consent' : 'identity fetch'} body carries none)`
          : ''}
        .
      </p>
    );
  return (
    <>
      {events.map((event) => {
        const path = `${eventBase(request.shape, event.index)}.xdm`;
        const title = `XDM of event ${event.index} · ${event.eventType ?? 'no eventType'}`;
        return (
          <Section key={event.index} title={title}>
            <JsonTree
              value={event.xdm}
              label={`XDM of event ${event.index}`}
              rootLabel={path}
              rootPath={path}
              reveal={reveal?.eventIndex === event.index ? reveal.keys : undefined}
            />
          </Section>
        );
      })}
      {request.requestXdm !== undefined && (
        <Section title="Request-level XDM">
          <JsonTree
            value={request.requestXdm}
            label="Request-level XDM"
            rootLabel="xdm"
            rootPath="xdm"
          />
        </Section>
      )}
    </>
  );
}
