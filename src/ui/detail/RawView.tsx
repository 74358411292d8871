/** The Raw tab: both bodies exactly as captured (no re-indenting), with what is missing or cut. */
import type { BodyMeta } from '../../session/call';
import type { CallWithBodies } from '../../shared/protocol';
import { bodyFacts, missingReason, truncationNote } from './body-notes';
import { Section } from './Section';

function RawBody({ label, meta, text }: { label: string; meta: BodyMeta; text?: string }) {
  const facts = bodyFacts(meta);
  const truncated = truncationNote(meta);
  return (
    <Section title={`${label} body as captured`}>
      {facts.length > 0 && <p class="facts">{facts.join(' · ')}</p>}
      {truncated && <p class="note">{truncated}</p>}
      {text === undefined ? (
        <p class="note missing">Body not available: {missingReason(meta)}</p>
      ) : text === '' ? (
        <p class="note">Empty body (0 bytes).</p>
      ) : (
        <pre class="code raw" aria-label={`${label} body text`}>
          {text}
        </pre>
      )}
    </Section>
  );
}

export function RawView({ detail }: { detail: CallWithBodies }) {
  return (
    <>
      <RawBody label="Request" meta={detail.call.request} text={detail.requestBody} />
      <RawBody label="Response" meta={detail.call.response} text={detail.responseBody} />
    </>
  );
}
