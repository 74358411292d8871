/**
 * Tab overrides in force: each tab's state in `storage.session` (so a new worker knows it) and its
 * `declarativeNetRequest` session rules (which outlive a worker stop by themselves). Every rule
 * change for a tab removes its slot's fixed rule ids and adds its rules in one update, so applying
 * again replaces instead of duplicating. A closed tab's override is removed with its rules.
 * The only code that touches `declarativeNetRequest`.
 */
import {
  OVERRIDES_KEY,
  overrideRules,
  overridesOf,
  ruleIdsOf,
  freeSlot,
  slotOfRuleId,
  type OverrideRequest,
  type RedirectRule,
  type TabOverride,
} from '../session/override-rules';

/** The part of `declarativeNetRequest` used here. */
export interface SessionRules {
  updateSessionRules(options: {
    removeRuleIds?: number[];
    addRules?: RedirectRule[];
  }): Promise<void>;
  getSessionRules(): Promise<Array<{ id: number }>>;
}

export interface SessionArea {
  get(key: string): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
}

export interface OverrideTabs {
  onRemoved: { addListener(listener: (tabId: number) => void): void };
  /** Rejects when the tab is gone. */
  get(tabId: number): Promise<unknown>;
}

export class Overrides {
  private state = new Map<number, TabOverride>();
  private queue: Promise<unknown>;
  private listeners = new Set<(tabId: number) => void>();

  /** `rules` is undefined where the browser has no session rules: nothing can be overridden. */
  constructor(
    private readonly rules: SessionRules | undefined,
    private readonly storage: SessionArea,
    tabs: OverrideTabs,
    private readonly now: () => number = Date.now,
  ) {
    // Registered before any await, so that a tab closing wakes this worker for it.
    tabs.onRemoved.addListener((tabId) => void this.clear(tabId));
    this.queue = this.restore(tabs).catch((error: unknown) =>
      console.error('[aep-edge-inspector] override restore failed', error),
    );
  }

  get supported(): boolean {
    return this.rules !== undefined;
  }

  /** Waits for the state read at start and every earlier change. */
  ready(): Promise<unknown> {
    return this.queue;
  }

  /** The tab's override in force (as far as this worker has read). */
  get(tabId: number): TabOverride | undefined {
    return this.state.get(tabId);
  }

  all(): TabOverride[] {
    return [...this.state.values()];
  }

  onChange(listener: (tabId: number) => void): void {
    this.listeners.add(listener);
  }

  /** Turns the tab's override on (or changes it); `original` is the datastream its calls used. */
  set(tabId: number, request: OverrideRequest, original?: string): Promise<TabOverride> {
    return this.run(async () => {
      if (!this.rules) throw new Error('This browser cannot redirect requests for one tab.');
      const before = this.state.get(tabId);
      const slot = before?.slot ?? freeSlot([...this.state.values()].map((o) => o.slot));
      const override: TabOverride = { ...request, tabId, slot, since: this.now() };
      const from = before?.original ?? original;
      if (from && from !== request.datastreamId) override.original = from;
      await this.rules.updateSessionRules({
        removeRuleIds: ruleIdsOf(slot),
        addRules: overrideRules(override),
      });
      this.state.set(tabId, override);
      await this.persist();
      this.emit(tabId);
      return override;
    });
  }

  /** Turns the tab's override off: its rules go at once, then its state. */
  clear(tabId: number): Promise<void> {
    return this.run(async () => {
      const override = this.state.get(tabId);
      if (!override) return;
      await this.rules?.updateSessionRules({ removeRuleIds: ruleIdsOf(override.slot) });
      this.state.delete(tabId);
      await this.persist();
      this.emit(tabId);
    });
  }

  private run<T>(task: () => Promise<T>): Promise<T> {
    const next = this.queue.then(task);
    this.queue = next.catch(() => undefined);
    return next;
  }

  private emit(tabId: number): void {
    for (const listener of this.listeners) listener(tabId);
  }

  private persist(): Promise<void> {
    return this.storage.set({ [OVERRIDES_KEY]: Object.fromEntries(this.state) });
  }

  /**
   * A new worker: the stored state, its rules made exactly so (replacing any left in force), the
   * rules of tabs with no state removed, and the state of tabs closed meanwhile dropped.
   */
  private async restore(tabs: OverrideTabs): Promise<void> {
    const stored = await this.storage.get(OVERRIDES_KEY);
    const read = overridesOf(stored[OVERRIDES_KEY]);
    if (!this.rules) {
      if (read.size) await this.storage.set({ [OVERRIDES_KEY]: {} });
      return;
    }
    const live = new Map<number, TabOverride>();
    for (const [tabId, override] of read) {
      const open = await tabs.get(tabId).then(
        () => true,
        () => false,
      );
      if (open) live.set(tabId, override);
    }
    const slots = new Set([...live.values()].map((o) => o.slot));
    const stale = (await this.rules.getSessionRules())
      .map((rule) => rule.id)
      .filter((id) => !slots.has(slotOfRuleId(id)));
    if (stale.length) await this.rules.updateSessionRules({ removeRuleIds: stale });
    for (const override of live.values()) {
      await this.rules.updateSessionRules({
        removeRuleIds: ruleIdsOf(override.slot),
        addRules: overrideRules(override),
      });
    }
    this.state = live;
    if (live.size !== read.size) await this.persist();
    for (const tabId of read.keys()) this.emit(tabId);
  }
}
