import { describe, expect, it } from 'vitest';
import { importFile } from '../../session/import';
import { parsePlan } from '../../validate/plan';
import { defaultRedaction } from '../../session/redaction';
import { ECID_AFTER, ECID_BEFORE, visitHar } from '../../session/test-visit-har';
import { buildExport } from './run-export';

const PLAN = parsePlan(
  JSON.stringify({
    name: 'Shop',
    rules: [{ id: 'named', require: ['xdm.web.webPageDetails.name'] }],
  }),
  'plan.json',
);

function imported(withPlan: boolean) {
  if (!PLAN.ok) throw new Error(PLAN.problems.join('\n'));
  const result = importFile('visit.har', visitHar(), 'i1', withPlan ? { plan: PLAN.plan } : {});
  if (!result.ok) throw new Error(result.reason);
  return result;
}

describe('the QA reports list the visit’s findings', () => {
  it('without a plan: the visit’s findings alone, redacted', async () => {
    const { calls, pages } = imported(false);
    const csv = await buildExport(calls, pages, 'qa-csv', defaultRedaction());
    const rows = csv.text.trimEnd().split('\r\n');
    expect(rows.map((row) => row.split(',').slice(0, 5).join(','))).toEqual([
      'requestId,eventIndex,eventType,rule,status',
      'r-cart,,,visit:ecid-changed,warn',
      'r-home,,,visit:hint-not-followed,warn',
      'r-home,,,visit:decision-not-displayed,warn',
    ]);
    const html = await buildExport(calls, pages, 'qa-html', defaultRedaction());
    expect(html.text).toContain('No plan: only the visit checks ran.');
    expect(html.text).toContain('<code>visit:decision-not-displayed</code>');
    for (const text of [csv.text, html.text]) {
      expect(text).not.toContain(ECID_BEFORE);
      expect(text).not.toContain(ECID_AFTER);
    }
  });

  it('with a plan: the verdicts, then the visit’s findings', async () => {
    const { calls, pages } = imported(true);
    const csv = await buildExport(calls, pages, 'qa-csv', defaultRedaction());
    expect(csv.text.split('\r\n').map((row) => row.split(',')[3])).toEqual([
      'rule',
      'named',
      'named',
      'visit:ecid-changed',
      'visit:hint-not-followed',
      'visit:decision-not-displayed',
      undefined,
    ]);
    const junit = await buildExport(calls, pages, 'qa-junit', defaultRedaction());
    expect(junit.text).toContain('<testsuites name="Shop" tests="10" failures="0"');
    expect(junit.text).toContain('<testcase classname="visit" name="visit:ecid-changed">');
  });
});
