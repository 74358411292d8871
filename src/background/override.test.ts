import { describe, expect, it } from 'vitest';
import { OVERRIDES_KEY, ruleIdsOf, type RedirectRule } from '../session/override-rules';
import { Overrides, type OverrideTabs, type SessionArea, type SessionRules } from './override';

const DS = '0b1e2c3d-aaaa-4bbb-8ccc-111122223333';

/** Session rules as the browser keeps them: by id, an id added twice is an error. */
function fakeRules(): SessionRules & { rules: Map<number, RedirectRule> } {
  const rules = new Map<number, RedirectRule>();
  return {
    rules,
    updateSessionRules({ removeRuleIds = [], addRules = [] }) {
      for (const id of removeRuleIds) rules.delete(id);
      for (const rule of addRules) {
        if (rules.has(rule.id)) return Promise.reject(new Error(`Rule with id ${rule.id} exists`));
        rules.set(rule.id, rule);
      }
      return Promise.resolve();
    },
    getSessionRules: () => Promise.resolve([...rules.values()]),
  };
}

/** `storage.session`: it outlives the worker, so each test shares one between workers. */
function fakeArea(): SessionArea & { items: Map<string, unknown> } {
  const items = new Map<string, unknown>();
  return {
    items,
    get: (key) => Promise.resolve(items.has(key) ? { [key]: structuredClone(items.get(key)) } : {}),
    set: (values) => {
      for (const [k, v] of Object.entries(values)) items.set(k, structuredClone(v));
      return Promise.resolve();
    },
  };
}

function fakeTabs(open: Set<number>): OverrideTabs & { close(tabId: number): void } {
  const listeners: Array<(tabId: number) => void> = [];
  return {
    onRemoved: { addListener: (l) => void listeners.push(l) },
    get: (tabId) =>
      open.has(tabId) ? Promise.resolve({ id: tabId }) : Promise.reject(new Error()),
    close(tabId) {
      open.delete(tabId);
      for (const l of listeners) l(tabId);
    },
  };
}

describe('Overrides', () => {
  it('turns a tab on and off: rules and stored state together', async () => {
    const rules = fakeRules();
    const area = fakeArea();
    const overrides = new Overrides(rules, area, fakeTabs(new Set([5])), () => 100);
    const on = await overrides.set(5, { datastreamId: DS }, 'orig-1');
    expect(on).toEqual({ tabId: 5, slot: 0, since: 100, datastreamId: DS, original: 'orig-1' });
    expect([...rules.rules.keys()]).toEqual(ruleIdsOf(0).slice(0, 3));
    expect(area.items.get(OVERRIDES_KEY)).toEqual({ 5: on });
    await overrides.clear(5);
    expect(rules.rules.size).toBe(0);
    expect(area.items.get(OVERRIDES_KEY)).toEqual({});
    expect(overrides.get(5)).toBeUndefined();
  });

  it('replaces a tab’s rules when applied again, keeping the first original', async () => {
    const rules = fakeRules();
    const overrides = new Overrides(rules, fakeArea(), fakeTabs(new Set([5])));
    await overrides.set(5, { datastreamId: DS }, 'orig-1');
    const again = await overrides.set(5, { datastreamId: 'other', tags: 'staging' }, DS);
    expect(again.original).toBe('orig-1');
    expect(rules.rules.size).toBe(4);
  });

  it('a new worker finds the override and its rules, exactly once', async () => {
    const rules = fakeRules();
    const area = fakeArea();
    const tabs = new Set([5, 6]);
    const first = new Overrides(rules, area, fakeTabs(tabs));
    await first.set(5, { datastreamId: DS });
    await first.set(6, { edgeDomain: 'data.example.com' });
    // The worker stops; the session rules and storage.session stay.
    const second = new Overrides(rules, area, fakeTabs(tabs));
    await second.ready();
    expect(second.get(5)?.datastreamId).toBe(DS);
    expect(second.get(6)?.edgeDomain).toBe('data.example.com');
    expect([...rules.rules.keys()].sort((a, b) => a - b)).toEqual([
      ...ruleIdsOf(0).slice(0, 3),
      ...ruleIdsOf(1).slice(0, 3),
    ]);
    await second.clear(5);
    expect([...rules.rules.keys()]).toEqual(ruleIdsOf(1).slice(0, 3));
    // The freed slot is taken by the next tab turned on.
    expect((await second.set(6, { datastreamId: DS })).slot).toBe(1);
    expect((await second.set(9, { datastreamId: DS })).slot).toBe(0);
  });

  it('a new worker drops the overrides of closed tabs and rules no state explains', async () => {
    const rules = fakeRules();
    const area = fakeArea();
    const tabs = new Set([5, 6]);
    const first = new Overrides(rules, area, fakeTabs(tabs));
    await first.set(5, { datastreamId: DS });
    await first.set(6, { datastreamId: DS });
    tabs.delete(6);
    await rules.updateSessionRules({
      addRules: [{ ...rules.rules.get(ruleIdsOf(5)[0]!)!, id: 99 }],
    });
    const second = new Overrides(rules, area, fakeTabs(tabs));
    await second.ready();
    expect(second.all().map((o) => o.tabId)).toEqual([5]);
    expect([...rules.rules.keys()]).toEqual(ruleIdsOf(0).slice(0, 3));
    expect(Object.keys(area.items.get(OVERRIDES_KEY) as object)).toEqual(['5']);
  });

  it('closing the tab removes its override and rules', async () => {
    const rules = fakeRules();
    const tabs = fakeTabs(new Set([5]));
    const overrides = new Overrides(rules, fakeArea(), tabs);
    await overrides.set(5, { datastreamId: DS });
    tabs.close(5);
    await overrides.ready();
    expect(rules.rules.size).toBe(0);
    expect(overrides.get(5)).toBeUndefined();
  });

  it('refuses where the browser has no session rules', async () => {
    const overrides = new Overrides(undefined, fakeArea(), fakeTabs(new Set([5])));
    expect(overrides.supported).toBe(false);
    await expect(overrides.set(5, { datastreamId: DS })).rejects.toThrow(/cannot redirect/);
  });
});
