/**
 * The viewer's tracking plan: the one kept in storage.local (shared with the worker, which
 * validates live capture, and with every viewer), and the problems of the last plan refused. A
 * plan that does not parse is never stored: the previous plan stays in force.
 */
import { signal, type ReadonlySignal } from '@preact/signals';
import type { Plan } from '../../validate/plan';
import type { PickedFile } from '../../validate/stored-plan';
import type { StoredPlan } from '../../validate/plan-storage';

/**
 * The plan reader (YAML, JSON Schema, the XDM checker) loads on first use: the panel's first
 * paint does not wait for it (its initial JS is budgeted in BENCHMARKS.md).
 */
const reader = () => import('../../validate/stored-plan');

export interface PlanStorage {
  load(): Promise<StoredPlan | undefined>;
  save(plan: StoredPlan): Promise<void>;
  remove(): Promise<void>;
  /** Called when another page (or the worker) changes the stored plan. */
  onChange(listener: (plan: StoredPlan | undefined) => void): void;
}

export interface PlanModel {
  stored: ReadonlySignal<StoredPlan | undefined>;
  /** The plan in force, parsed. */
  plan: ReadonlySignal<Plan | undefined>;
  /** Why the last plan the user picked was refused (empty when it was taken). */
  problems: ReadonlySignal<readonly string[]>;
  start(): Promise<void>;
  /** Takes a plan from picked files; false (and `problems`) when it is refused. */
  pick(files: readonly PickedFile[]): Promise<boolean>;
  remove(): Promise<void>;
}

export function createPlanModel(storage: PlanStorage): PlanModel {
  const stored = signal<StoredPlan | undefined>(undefined);
  const problems = signal<readonly string[]>([]);
  const plan = signal<Plan | undefined>(undefined);
  /** Parses what is stored now into `plan` (only the latest of overlapping reads lands). */
  let reads = 0;
  async function take(next: StoredPlan | undefined): Promise<void> {
    const read = ++reads;
    const parsed = next ? (await reader()).readStoredPlan(next) : undefined;
    if (read !== reads) return;
    stored.value = next;
    plan.value = parsed?.ok ? parsed.plan : undefined;
  }
  return {
    stored,
    plan,
    problems,
    async start() {
      storage.onChange((next) => void take(next));
      await take(await storage.load());
    },
    async pick(files) {
      const { readStoredPlan, storedPlanFrom } = await reader();
      const candidate = storedPlanFrom(files);
      if ('problem' in candidate) {
        problems.value = [candidate.problem];
        return false;
      }
      const read = readStoredPlan(candidate);
      if (!read.ok) {
        problems.value = read.problems;
        return false;
      }
      problems.value = [];
      await storage.save(candidate);
      await take(candidate);
      return true;
    },
    async remove() {
      problems.value = [];
      await storage.remove();
      await take(undefined);
    },
  };
}

/** A storage for tests and pages without an extension API: memory only. */
export function memoryPlanStorage(initial?: StoredPlan): PlanStorage {
  let current = initial;
  return {
    load: () => Promise.resolve(current),
    save: (plan) => {
      current = plan;
      return Promise.resolve();
    },
    remove: () => {
      current = undefined;
      return Promise.resolve();
    },
    onChange: () => undefined,
  };
}
