import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { tabValidation } from './tab-validation';
import type { Finding } from './types';
import { addCounts, problemsOf, type CallValidation } from './verdicts';

/** What tabValidation said before it stopped allocating per call: the reference. */
function reference(calls: ReadonlyArray<{ validation?: CallValidation }>) {
  let plan: string | undefined;
  let counts = { events: 0, passed: 0, failed: 0, warned: 0 };
  const problems: string[] = [];
  for (const { validation } of calls) {
    if (!validation) continue;
    plan = validation.plan;
    counts = addCounts(counts, validation.counts);
    for (const problem of problemsOf(validation)) {
      if (problem.status === 'info') continue;
      const text = problem.description ?? problem.message;
      if (problems.length < 3 && !problems.includes(text)) problems.push(text);
    }
  }
  return plan === undefined ? undefined : { plan, counts, problems };
}

const finding = fc.record(
  {
    rule: fc.constantFrom('a', 'b', 'schema'),
    status: fc.constantFrom<Finding['status']>('fail', 'warn', 'info', 'pass'),
    message: fc.constantFrom('no name', 'bad type', 'missing URL', 'odd', 'late'),
    description: fc.constantFrom('Every page view names its page', 'Orders have revenue'),
  },
  { requiredKeys: ['rule', 'status', 'message'] },
);
const count = fc.nat(5);
const validation: fc.Arbitrary<CallValidation> = fc.record({
  plan: fc.constantFrom('Shop plan', 'Other plan'),
  events: fc.array(
    fc.record({ eventIndex: fc.nat(3), findings: fc.array(finding, { maxLength: 4 }) }),
    { maxLength: 3 },
  ),
  counts: fc.record({ events: count, passed: count, failed: count, warned: count }),
});

describe('tabValidation', () => {
  it('counts every event and names the first three problems, in words when the plan has them', () => {
    const v = (findings: Finding[], failed = 1): { validation: CallValidation } => ({
      validation: {
        plan: 'Shop plan',
        events: [{ eventIndex: 0, findings }],
        counts: { events: 1, passed: 1 - failed, failed, warned: 0 },
      },
    });
    const fail = (message: string, description?: string): Finding => ({
      rule: 'r',
      status: 'fail',
      message,
      ...(description ? { description } : {}),
    });
    expect(tabValidation([])).toBeUndefined();
    expect(tabValidation([{}, {}])).toBeUndefined();
    expect(
      tabValidation([
        v([fail('no name', 'Every page view names its page')]),
        {},
        v([{ rule: 'r', status: 'info', message: 'fyi' }], 0),
        v([fail('no name', 'Every page view names its page'), fail('bad type')]),
        v([fail('late'), fail('later')]),
      ]),
    ).toEqual({
      plan: 'Shop plan',
      counts: { events: 4, passed: 1, failed: 3, warned: 0 },
      problems: ['Every page view names its page', 'bad type', 'late'],
    });
  });

  it('says what the reference says for any list of calls (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.option(validation, { nil: undefined })), (list) => {
        const calls = list.map((v) => (v ? { validation: v } : {}));
        expect(tabValidation(calls)).toEqual(reference(calls));
      }),
    );
  });
});
