/**
 * A tab's (or any list's) events against the plan, for the popup and the status bar: the counts
 * and the first problems in plain words ("page view without a name").
 */
import type { TabValidation, VerdictCounts } from './types';
import type { CallValidation } from './verdicts';

const PROBLEMS_SHOWN = 3;

/**
 * Runs over every call at each change of the list (10,000 in the benchmark, about 20 times during
 * a plan change): it adds numbers and reads findings only until the problems shown are found,
 * without the allocation of `addCounts` and `problemsOf` per call.
 */
export function tabValidation(
  calls: ReadonlyArray<{ validation?: CallValidation }>,
): TabValidation | undefined {
  let plan: string | undefined;
  const counts: VerdictCounts = { events: 0, passed: 0, failed: 0, warned: 0 };
  const problems: string[] = [];
  for (const { validation } of calls) {
    if (!validation) continue;
    plan = validation.plan;
    counts.events += validation.counts.events;
    counts.passed += validation.counts.passed;
    counts.failed += validation.counts.failed;
    counts.warned += validation.counts.warned;
    if (problems.length >= PROBLEMS_SHOWN) continue;
    for (const verdict of validation.events) {
      for (const finding of verdict.findings) {
        if (finding.status === 'pass' || finding.status === 'info') continue;
        const text = finding.description ?? finding.message;
        if (problems.length < PROBLEMS_SHOWN && !problems.includes(text)) problems.push(text);
      }
    }
  }
  return plan === undefined ? undefined : { plan, counts, problems };
}
