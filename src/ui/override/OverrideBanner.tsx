/**
 * A tab's override, visible while it is on: "Override on for this tab: datastream 8d4c1f52… →
 * 0b1e2c3d…" with Turn off. The viewer, the popup and the side panel show it. The live region is
 * there (empty) while the override is off, so that turning it on is announced.
 */
import { useEffect, useState } from 'preact/hooks';
import { overrideWords, type TabOverride } from '../../session/override-rules';
import { overrideClient, type OverrideClient } from './override-client';

/** The tab's override as the worker keeps it, followed while mounted. */
export function useTabOverride(
  tabId: number | undefined,
  client: OverrideClient,
): TabOverride | undefined {
  const [override, setOverride] = useState<TabOverride | undefined>(undefined);
  useEffect(() => {
    setOverride(undefined);
    if (tabId === undefined || !client.supported) return undefined;
    return client.follow(tabId, setOverride);
  }, [tabId, client]);
  return override;
}

export function OverrideBanner({
  tabId,
  client = overrideClient(),
}: {
  tabId: number | undefined;
  client?: OverrideClient;
}) {
  const override = useTabOverride(tabId, client);
  const [error, setError] = useState('');
  if (tabId === undefined || !client.supported) return null;
  return (
    <div role="status" aria-label="Tab override" class="override-banner">
      {override && (
        <>
          <span class="override-words">Override on for this tab: {overrideWords(override)}</span>{' '}
          <button
            type="button"
            onClick={() =>
              void client
                .clear(tabId)
                .then((reply) => setError(reply.ok ? '' : reply.errors.join(' ')))
            }
          >
            Turn off
          </button>
          {error && <span class="note error"> {error}</span>}
        </>
      )}
    </div>
  );
}
