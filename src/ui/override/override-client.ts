/**
 * The UI's link to a tab's override: the state the worker keeps in `storage.session` (read and
 * followed; extension pages may read it, pages may not), and the worker's `set-override` /
 * `clear-override` to change it. Uses the `chrome` global lazily, so that importing this in tests
 * (no extension around) only means "not supported".
 */
import {
  OVERRIDES_KEY,
  overridesOf,
  type OverrideRequest,
  type TabOverride,
} from '../../session/override-rules';
import {
  message,
  type OverrideReply,
  type RuntimeRequest,
  type RuntimeRequests,
} from '../../shared/protocol';

export interface OverrideClient {
  /** False where the browser cannot redirect one tab's requests (the control is hidden). */
  supported: boolean;
  /** Calls `onChange` with the tab's override now and on every change; returns the unfollow. */
  follow(tabId: number, onChange: (override: TabOverride | undefined) => void): () => void;
  set(tabId: number, request: OverrideRequest): Promise<OverrideReply>;
  clear(tabId: number): Promise<OverrideReply>;
}

interface ChromeLike {
  storage?: {
    session?: {
      get(key: string): Promise<Record<string, unknown>>;
      onChanged?: {
        addListener(l: (changes: Record<string, { newValue?: unknown }>) => void): void;
        removeListener(l: (changes: Record<string, { newValue?: unknown }>) => void): void;
      };
    };
  };
  runtime?: {
    sendMessage(message: unknown): Promise<unknown>;
    getManifest?(): { permissions?: string[] };
  };
}

function reply(value: unknown): OverrideReply {
  if (typeof value === 'object' && value !== null && (value as { ok?: unknown }).ok === true)
    return value as OverrideReply;
  const errors = (value as { errors?: unknown } | undefined)?.errors;
  return {
    ok: false,
    errors:
      Array.isArray(errors) && errors.every((e) => typeof e === 'string')
        ? errors
        : ['The extension did not answer; try again.'],
  };
}

export function browserOverrideClient(): OverrideClient {
  const api = (globalThis as { chrome?: ChromeLike }).chrome;
  const session = api?.storage?.session;
  const runtime = api?.runtime;
  // The build that can redirect asks for the permission (Chromium's; see SECURITY.md).
  const supported =
    session !== undefined &&
    runtime !== undefined &&
    (runtime.getManifest?.().permissions ?? []).includes('declarativeNetRequestWithHostAccess');
  const send = (request: RuntimeRequest): Promise<OverrideReply> =>
    runtime!.sendMessage(request).then(reply, (error: unknown) => ({
      ok: false as const,
      errors: [error instanceof Error ? error.message : String(error)],
    }));
  return {
    supported,
    follow(tabId, onChange) {
      if (!session) return () => undefined;
      const listener = (changes: Record<string, { newValue?: unknown }>) => {
        if (OVERRIDES_KEY in changes)
          onChange(overridesOf(changes[OVERRIDES_KEY]?.newValue).get(tabId));
      };
      session.onChanged?.addListener(listener);
      void session
        .get(OVERRIDES_KEY)
        .then((stored) => onChange(overridesOf(stored[OVERRIDES_KEY]).get(tabId)))
        .catch(() => undefined);
      return () => session.onChanged?.removeListener(listener);
    },
    set: (tabId, request) =>
      send(message<RuntimeRequests, 'set-override'>('set-override', { tabId, ...request })),
    clear: (tabId) => send(message<RuntimeRequests, 'clear-override'>('clear-override', { tabId })),
  };
}

let shared: OverrideClient | undefined;

/** One client per page. */
export function overrideClient(): OverrideClient {
  shared ??= browserOverrideClient();
  return shared;
}
