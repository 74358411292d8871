/**
 * A tab's (or any list's) events against the plan, for the popup and the status bar: the counts
 * and the first problems in plain words ("page view without a name").
 */
import type { TabValidation, VerdictCounts } from './types';
import { addCounts, problemsOf, type CallValidation } from './verdicts';

const PROBLEMS_SHOWN = 3;

export function tabValidation(
  calls: ReadonlyArray<{ validation?: CallValidation }>,
): TabValidation | undefined {
  let plan: string | undefined;
  let counts: VerdictCounts = { events: 0, passed: 0, failed: 0, warned: 0 };
  const problems: string[] = [];
  for (const { validation } of calls) {
    if (!validation) continue;
    plan = validation.plan;
    counts = addCounts(counts, validation.counts);
    for (const problem of problemsOf(validation)) {
      if (problem.status === 'info') continue;
      const text = problem.description ?? problem.message;
      if (problems.length < PROBLEMS_SHOWN && !problems.includes(text)) problems.push(text);
    }
  }
  return plan === undefined ? undefined : { plan, counts, problems };
}
