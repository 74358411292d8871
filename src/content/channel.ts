/**
 * The window.postMessage channel between the MAIN-world hook and the ISOLATED relay.
 * Pages can post on it too: the relay treats everything as untrusted data, and the worker takes
 * tab and frame from the browser, so a page can at most describe calls in its own frame.
 */
export const HOOK_CHANNEL = 'aep-edge-inspector/hook/v1';

export interface HookEnvelope {
  channel: typeof HOOK_CHANNEL;
  observation: unknown;
}

export function isHookEnvelope(value: unknown): value is HookEnvelope {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as { channel?: unknown }).channel === HOOK_CHANNEL &&
    'observation' in value
  );
}
