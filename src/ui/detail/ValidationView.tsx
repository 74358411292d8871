/**
 * The Validation tab: each event's findings against the plan in force (rules that applied, and
 * the XDM schema), with verdict, path, expected and actual value. A path into `xdm` opens the XDM
 * tab at that node. Everything shown is text.
 */
import type { CapturedCall } from '../../session/call';
import type { Finding } from '../../validate/types';
import { allFindings, eventStatus } from '../../validate/verdicts';
import { Section } from './Section';

const MARK: Record<Finding['status'], string> = { pass: '✓', fail: '✗', warn: '⚠', info: 'ℹ' };
const WORD: Record<Finding['status'], string> = {
  pass: 'pass',
  fail: 'fail',
  warn: 'warning',
  info: 'information',
};

/**
 * `xdm.web.webPageDetails.name` → `['web', 'webPageDetails', 'name']`; `xdm.productListItems[0]`
 * and `xdm.productListItems.0` → `['productListItems', 0]`; `xdm.identityMap["my ns"]` too.
 * Paths outside `xdm`: undefined.
 */
export function xdmKeys(path: string | undefined): Array<string | number> | undefined {
  if (!path || !/^xdm(?=$|[.[])/.test(path)) return undefined;
  const keys: Array<string | number> = [];
  for (const [, dotted, index, quoted] of path
    .slice(3)
    .matchAll(/\.([^.[]+)|\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\]/g)) {
    if (index !== undefined) keys.push(Number(index));
    else if (quoted !== undefined) keys.push(JSON.parse(quoted) as string);
    else if (dotted !== undefined) keys.push(/^\d+$/.test(dotted) ? Number(dotted) : dotted);
  }
  return keys;
}

export function ValidationView({
  call,
  onReveal,
}: {
  call: CapturedCall;
  onReveal: (eventIndex: number, keys: ReadonlyArray<string | number>) => void;
}) {
  const validation = call.validation;
  if (!validation)
    return (
      <p class="note">
        No tracking plan is in force, so this call is not validated. Load one with Plan… in the top
        bar.
      </p>
    );
  if (!validation.events.length)
    return <p class="note">This call has no events to validate against {validation.plan}.</p>;
  return (
    <>
      {validation.events.map((verdict) => {
        const status = eventStatus(verdict);
        const title = `Event ${verdict.eventIndex} · ${verdict.eventType ?? 'no eventType'} · ${MARK[status]} ${WORD[status]}`;
        return (
          <Section key={verdict.eventIndex} title={title}>
            <table class="findings" aria-label={`Findings of event ${verdict.eventIndex}`}>
              <thead>
                <tr>
                  <th scope="col">Verdict</th>
                  <th scope="col">Rule</th>
                  <th scope="col">Path</th>
                  <th scope="col">Expected</th>
                  <th scope="col">Actual</th>
                  <th scope="col">Message</th>
                </tr>
              </thead>
              <tbody>
                {allFindings(verdict).map((finding, i) => {
                  const keys = xdmKeys(finding.path);
                  return (
                    <tr key={i} data-status={finding.status}>
                      <td>
                        <span aria-hidden="true">{MARK[finding.status]}</span>{' '}
                        {WORD[finding.status]}
                      </td>
                      <td>{finding.rule}</td>
                      <td>
                        {keys ? (
                          <button
                            type="button"
                            class="link"
                            aria-label={`Show ${finding.path} in the XDM tree`}
                            onClick={() => onReveal(verdict.eventIndex, keys)}
                          >
                            {finding.path}
                          </button>
                        ) : (
                          (finding.path ?? '')
                        )}
                      </td>
                      <td>{finding.expected ?? ''}</td>
                      <td>{finding.actual ?? ''}</td>
                      <td>{finding.message}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </Section>
        );
      })}
    </>
  );
}
