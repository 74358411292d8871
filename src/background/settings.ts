/**
 * User settings the worker follows (storage.local): the store limits (CAPS_KEY) and the tracking
 * plan (PLAN_STORAGE_KEY). Read at start and whenever they change; invalid caps fall back to the
 * defaults, and a stored plan that does not parse (the viewer stores only plans that do) is none.
 * Listens to storage.local's own onChanged: `storage.onChanged` would also wake this worker for
 * every write of the intake log (storage.session).
 */
import type { Storage } from 'webextension-polyfill';
import { CAPS_KEY, capsFrom } from '../session/caps-setting';
import { PLAN_STORAGE_KEY, isStoredPlan, readStoredPlan } from '../validate/stored-plan';
import type { Plan } from '../validate/plan';
import type { CaptureSession } from './capture-session';

/**
 * Applies the value at `key` now and on every change. A change that comes while the start-up read
 * is on its way is newer: the read must not undo it. The read applies a missing value too.
 */
function follow(storage: Storage.Static, key: string, apply: (value: unknown) => unknown): void {
  let changed = false;
  storage.local.onChanged.addListener((changes) => {
    if (!(key in changes)) return;
    changed = true;
    void apply(changes[key]?.newValue);
  });
  void storage.local
    .get(key)
    .then((stored) => (changed ? undefined : apply(stored[key])))
    .catch(() => undefined);
}

export function followCaps(storage: Storage.Static, session: CaptureSession): void {
  follow(storage, CAPS_KEY, (value) => session.setCaps(capsFrom(value)));
}

function planFrom(value: unknown): Plan | undefined {
  if (!isStoredPlan(value)) return undefined;
  const read = readStoredPlan(value);
  return read.ok ? read.plan : undefined;
}

export function followPlan(storage: Storage.Static, session: CaptureSession): void {
  // On wake, a missing plan too: verdicts of a plan removed while the worker was stopping (written
  // before it could store their removal) are cleared.
  follow(storage, PLAN_STORAGE_KEY, (value) => session.setPlan(planFrom(value)));
}
