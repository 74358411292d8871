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

export function followCaps(storage: Storage.Static, session: CaptureSession): void {
  let changed = false;
  storage.local.onChanged.addListener((changes) => {
    if (!(CAPS_KEY in changes)) return;
    changed = true;
    void session.setCaps(capsFrom(changes[CAPS_KEY]?.newValue));
  });
  void storage.local
    .get(CAPS_KEY)
    // A change that came while this read was on its way is newer: the read must not undo it.
    .then((stored) => (changed ? undefined : session.setCaps(capsFrom(stored[CAPS_KEY]))))
    .catch(() => undefined);
}

function planFrom(value: unknown): Plan | undefined {
  if (!isStoredPlan(value)) return undefined;
  const read = readStoredPlan(value);
  return read.ok ? read.plan : undefined;
}

export function followPlan(storage: Storage.Static, session: CaptureSession): void {
  let changed = false;
  storage.local.onChanged.addListener((changes) => {
    if (!(PLAN_STORAGE_KEY in changes)) return;
    changed = true;
    void session.setPlan(planFrom(changes[PLAN_STORAGE_KEY]?.newValue));
  });
  void storage.local
    .get(PLAN_STORAGE_KEY)
    // Always, a missing plan included: verdicts of a plan removed while the worker was stopping
    // (written before it could store their removal) are cleared on wake. Unless a change came
    // while this read was on its way: that one is newer.
    .then((stored) => (changed ? undefined : session.setPlan(planFrom(stored[PLAN_STORAGE_KEY]))))
    .catch(() => undefined);
}
