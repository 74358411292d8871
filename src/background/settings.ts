/**
 * User settings the worker follows: today, the store limits (storage.local, key CAPS_KEY).
 * Read at start and whenever they change; invalid values fall back to the defaults.
 */
import type { Storage } from 'webextension-polyfill';
import { CAPS_KEY, capsFrom } from '../session/caps-setting';
import type { CaptureSession } from './capture-session';

export function followCaps(storage: Storage.Static, session: CaptureSession): void {
  storage.onChanged.addListener((changes, area) => {
    if (area === 'local' && CAPS_KEY in changes)
      void session.setCaps(capsFrom(changes[CAPS_KEY]?.newValue));
  });
  void storage.local
    .get(CAPS_KEY)
    .then((stored) => session.setCaps(capsFrom(stored[CAPS_KEY])))
    .catch(() => undefined);
}
