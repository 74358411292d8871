/**
 * Original against resend: the semantic diff of the request and of the response
 * (session/call-compare.ts), volatile fields hidden unless asked for. Bodies are fetched from the
 * worker, again whenever the resend's record changes (its response arrives after the send).
 */
import { useEffect, useState } from 'preact/hooks';
import { compareRequests, compareResponses } from '../../session/call-compare';
import type { CapturedCall } from '../../session/call';
import type { CallWithBodies } from '../../shared/protocol';
import { formatClock } from '../format';
import type { ViewerModel } from '../viewer-model';
import { DiffTable } from './DiffTable';
import type { ResendClient } from './resend-client';

export interface ComparePanelProps {
  model: ViewerModel;
  client: ResendClient;
  /** The call the dialog is about: an original with resends, or a resend. */
  call: CapturedCall;
}

/** The original and the resends it can be compared with. */
function pairOf(call: CapturedCall, calls: readonly CapturedCall[]) {
  const byId = (id: string | undefined) => calls.find((c) => c.id === id);
  const original = call.resends?.length ? call : (byId(call.resendOf) ?? call);
  const resends = (original.resends ?? [])
    .map(byId)
    .filter((c): c is CapturedCall => c !== undefined);
  return { original, resends };
}

function useDetails(client: ResendClient, ids: string[], version: string) {
  /** Undefined until the worker answered for these ids. */
  const [details, setDetails] = useState<{
    key: string;
    map: ReadonlyMap<string, CallWithBodies>;
  }>();
  const key = ids.join('|');
  useEffect(() => {
    let current = true;
    void client.details(ids).then((found) => {
      if (!current) return;
      const map = new Map<string, CallWithBodies>();
      for (const { id, detail } of found) if (detail) map.set(id, detail);
      setDetails({ key, map });
    });
    return () => {
      current = false;
    };
    // `version` stands for the records' changes: refetch when the resend's response arrives.
  }, [client, key, version]);
  return details?.key === key ? details.map : undefined;
}

export function ComparePanel({ model, client, call }: ComparePanelProps) {
  const { original, resends } = pairOf(call, model.calls.value);
  const [chosenId, setChosenId] = useState<string | undefined>(call.resendOf ? call.id : undefined);
  const [showVolatile, setShowVolatile] = useState(false);
  const resend = resends.find((r) => r.id === chosenId) ?? resends.at(-1);
  // Each stored change of a record bumps its rev (the worker's analysis step).
  const version = [original, resend].map((c) => `${c?.id}@${c?.rev ?? 0}`).join('|');
  const details = useDetails(client, resend ? [original.id, resend.id] : [], version);

  if (!resend) {
    return (
      <p class="note">
        Nothing to compare yet: send a resend, and the comparison of the original with it shows
        here.
      </p>
    );
  }
  if (!details) return <p class="note">Loading the bodies…</p>;
  const a = details.get(original.id);
  const b = details.get(resend.id);
  if (!a || !b) return <p class="note">The original or the resend is no longer stored.</p>;
  const request = compareRequests(
    { url: original.url, body: a.requestBody },
    { url: resend.url, body: b.requestBody },
  );
  const response = compareResponses(
    { status: original.status, body: a.responseBody },
    { status: resend.status, body: b.responseBody },
  );
  return (
    <div class="compare">
      <div class="compare-head">
        <label class="field">
          <span>Resend</span>
          <select value={resend.id} onChange={(e) => setChosenId(e.currentTarget.value)}>
            {resends.map((r) => (
              <option key={r.id} value={r.id}>
                {formatClock(r.startedAt)} · {r.status ?? r.state}
              </option>
            ))}
          </select>
        </label>
        <span class="note">against the original of {formatClock(original.startedAt)}</span>
        <label class="checkbox">
          <input
            type="checkbox"
            checked={showVolatile}
            onChange={(e) => setShowVolatile(e.currentTarget.checked)}
          />
          Show volatile fields
        </label>
      </div>
      <DiffTable label="Request differences" diff={request} showVolatile={showVolatile} />
      <DiffTable label="Response differences" diff={response} showVolatile={showVolatile} />
    </div>
  );
}
