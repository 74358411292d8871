/**
 * A plan as the extension keeps it (storage.local): the plan file's text and the files it names
 * (its schema), by path relative to the plan. The viewer writes it only once it parses; the worker
 * and every viewer read it back with `readStoredPlan`.
 */
import { parsePlan, type PlanResult } from './plan';
import type { StoredPlan } from './plan-storage';

export { PLAN_STORAGE_KEY, isStoredPlan, type StoredPlan } from './plan-storage';

/** `./a/../b.json` relative to the plan → `b.json`; undefined when it leaves the plan's folder. */
export function normalisePath(path: string): string | undefined {
  const parts: string[] = [];
  for (const part of path.replace(/\\/g, '/').split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (!parts.length) return undefined;
      parts.pop();
    } else parts.push(part);
  }
  return parts.join('/');
}

export function readStoredPlan(stored: StoredPlan): PlanResult {
  const read = parsePlan(stored.text, stored.fileName, (path) => {
    const key = normalisePath(path);
    return key === undefined ? undefined : stored.files[key];
  });
  return read.ok ? { ok: true, plan: { ...read.plan, id: planId(stored) } } : read;
}

/** FNV-1a over the plan's files: the same files give the same id, in the worker and the viewer. */
export function planId(stored: StoredPlan): string {
  let hash = 0x811c9dc5;
  const mix = (text: string) => {
    for (let i = 0; i < text.length; i++) {
      hash ^= text.charCodeAt(i);
      hash = Math.imul(hash, 0x01000193) >>> 0;
    }
  };
  mix(stored.fileName);
  mix(stored.text);
  for (const key of Object.keys(stored.files).sort()) {
    mix(key);
    mix(stored.files[key] ?? '');
  }
  return `plan-${hash.toString(16)}-${stored.text.length}`;
}

export interface PickedFile {
  /** The path as picked: `plan.yaml`, or `plans/plan.yaml` from a folder. */
  path: string;
  text: string;
}

const PLAN_FILE = /\.(ya?ml|json)$/i;

/**
 * From what the user picked (one file, several, or a folder), the plan and the files beside it:
 * the one YAML/JSON file with a top-level `rules` list; a single file is taken as the plan.
 */
export function storedPlanFrom(picked: readonly PickedFile[]): StoredPlan | { problem: string } {
  const candidates = picked.filter((file) => PLAN_FILE.test(file.path));
  const plans =
    picked.length === 1
      ? picked
      : candidates.filter((file) => /^\s*rules\s*:|"rules"\s*:/m.test(file.text));
  if (plans.length !== 1)
    return {
      problem: plans.length
        ? `Several files look like plans (${plans.map((p) => p.path).join(', ')}): pick one.`
        : 'No plan among the picked files: a plan is a YAML or JSON file with a "rules" list.',
    };
  const plan = plans[0] as PickedFile;
  const folder = plan.path.includes('/') ? plan.path.slice(0, plan.path.lastIndexOf('/') + 1) : '';
  const files: Record<string, string> = {};
  for (const file of picked) {
    if (file === plan || !file.path.startsWith(folder)) continue;
    const key = normalisePath(file.path.slice(folder.length));
    if (key) files[key] = file.text;
  }
  return { fileName: plan.path.slice(folder.length), text: plan.text, files };
}
