/** The plan in storage.local, where the worker reads it too: the only plan code that touches `browser.*`. */
import { extApi } from '../ext-api';
import { PLAN_STORAGE_KEY, isStoredPlan } from '../../validate/plan-storage';
import type { PlanStorage } from './plan-model';

export function browserPlanStorage(): PlanStorage {
  const local = extApi().storage.local;
  return {
    async load() {
      const stored = (await local.get(PLAN_STORAGE_KEY))[PLAN_STORAGE_KEY];
      return isStoredPlan(stored) ? stored : undefined;
    },
    save: (plan) => local.set({ [PLAN_STORAGE_KEY]: plan }),
    remove: () => local.remove(PLAN_STORAGE_KEY),
    onChange(listener) {
      // storage.local's own event: storage.onChanged also fires for the worker's intake log.
      local.onChanged.addListener((changes) => {
        if (!(PLAN_STORAGE_KEY in changes)) return;
        const next = changes[PLAN_STORAGE_KEY]?.newValue;
        listener(isStoredPlan(next) ? next : undefined);
      });
    },
  };
}
