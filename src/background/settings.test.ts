import { describe, expect, it, vi } from 'vitest';
import type { Storage } from 'webextension-polyfill';
import type { CaptureSession } from './capture-session';
import { followPlan } from './settings';

function storageWith(stored: Record<string, unknown>) {
  return {
    local: { get: vi.fn(async () => stored), onChanged: { addListener: vi.fn() } },
  } as unknown as Storage.Static;
}

describe('followPlan', () => {
  it('puts no plan in force on wake when none is stored, clearing verdicts left behind', async () => {
    const setPlan = vi.fn(async () => undefined);
    followPlan(storageWith({}), { setPlan } as unknown as CaptureSession);
    await vi.waitFor(() => expect(setPlan).toHaveBeenCalledTimes(1));
    expect(setPlan).toHaveBeenCalledWith(undefined);
  });

  it('puts the stored plan in force on wake', async () => {
    const setPlan = vi.fn(async () => undefined);
    const trackingPlan = {
      fileName: 'plan.yaml',
      text: 'name: P\nrules:\n  - id: a\n    require: [xdm.eventType]\n',
      files: {},
    };
    followPlan(storageWith({ trackingPlan }), { setPlan } as unknown as CaptureSession);
    await vi.waitFor(() => expect(setPlan).toHaveBeenCalledTimes(1));
    expect(setPlan).toHaveBeenCalledWith(expect.objectContaining({ name: 'P' }));
  });
});

describe('followCaps', () => {
  it('a change that arrives before the start-up read resolves is not undone by it', async () => {
    const { followCaps } = await import('./settings');
    let resolveRead: (value: Record<string, unknown>) => void = () => undefined;
    let onChange: (changes: Record<string, { newValue?: unknown }>) => void = () => undefined;
    const storage = {
      local: {
        get: vi.fn(() => new Promise<Record<string, unknown>>((r) => (resolveRead = r))),
        onChanged: { addListener: (l: typeof onChange) => (onChange = l) },
      },
    } as unknown as Storage.Static;
    const setCaps = vi.fn(async () => undefined);
    followCaps(storage, { setCaps } as unknown as CaptureSession);
    onChange({ storeCaps: { newValue: { perTab: 20, total: 30 } } });
    resolveRead({});
    await vi.waitFor(() => expect(setCaps).toHaveBeenCalledTimes(1));
    await Promise.resolve();
    expect(setCaps).toHaveBeenCalledTimes(1);
    expect(setCaps).toHaveBeenLastCalledWith(expect.objectContaining({ perTab: 20, total: 30 }));
  });
});
