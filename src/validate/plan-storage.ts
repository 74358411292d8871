/**
 * The stored plan's shape and key: light on purpose, so that the viewer can read storage without
 * loading the plan reader (stored-plan.ts) until a plan is there.
 */
import { isRecord } from '../edge/read';

export const PLAN_STORAGE_KEY = 'trackingPlan';

export interface StoredPlan {
  fileName: string;
  text: string;
  /** Other files, by path relative to the plan's folder (`web-event.schema.json`). */
  files: Record<string, string>;
}

export function isStoredPlan(value: unknown): value is StoredPlan {
  return (
    isRecord(value) &&
    typeof value.fileName === 'string' &&
    typeof value.text === 'string' &&
    isRecord(value.files) &&
    Object.values(value.files).every((text) => typeof text === 'string')
  );
}
