import { describe, expect, it } from 'vitest';
import { matchEdgeUrl } from '../edge/endpoint';
import type { CapturedCall } from './call';
import { prepareExport } from './export-model';
import { toHar } from './har';
import { defaultRedaction } from './redaction';

describe('exports carry the stored analysis, redacted like the bodies', () => {
  it('an email quoted by a finding or a plain-words line is hashed, and the verdicts are kept', async () => {
    const url = 'https://edge.adobedc.net/ee/v1/interact?configId=ds&requestId=r-1';
    const call: CapturedCall = {
      id: 'c1',
      seq: 1,
      tabId: 1,
      url,
      method: 'POST',
      endpoint: matchEdgeUrl(url)!,
      startedAt: 0,
      state: 'complete',
      request: { captured: false },
      response: { captured: false },
      sources: ['webRequest'],
      keys: {},
      plain: [{ text: 'Link click: mail jane@example.com', problem: false }],
      validation: {
        plan: 'Plan',
        counts: { events: 1, passed: 0, failed: 1, warned: 0 },
        events: [
          {
            eventIndex: 0,
            findings: [
              {
                rule: 'no-email',
                status: 'fail',
                path: 'xdm.web.webInteraction.name',
                actual: '"mail jane@example.com"',
                message: 'mail jane@example.com is personal data',
              },
              {
                rule: 'crm-id-digits',
                status: 'fail',
                path: 'xdm.identityMap.CRMID.0.id',
                actual: '"CUST-SECRET-4711"',
                message: 'xdm.identityMap.CRMID.0.id does not match /^[0-9]+$/',
              },
            ],
          },
        ],
      },
    };
    const requestBody = JSON.stringify({
      events: [{ xdm: { identityMap: { CRMID: [{ id: 'CUST-SECRET-4711' }] } } }],
    });
    const withVisitor = { ...call, visitor: { ecid: '12345678901234567890123456789012345678' } };
    const prepared = await prepareExport(
      [{ call: withVisitor, requestBody }],
      [],
      defaultRedaction(),
    );
    const text = JSON.stringify(toHar(prepared));
    expect(text).not.toContain('jane@example.com');
    expect(text).not.toContain('CUST-SECRET-4711');
    expect(text).not.toContain('12345678901234567890123456789012345678');
    const exported = prepared.calls[0]?.call;
    expect(exported?.validation?.counts.failed).toBe(1);
    expect(exported?.validation?.events[0]?.findings[0]?.rule).toBe('no-email');
  });
});
