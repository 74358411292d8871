/**
 * One event against one plan: each rule whose `when` holds gives `pass`, or a finding per check
 * that failed (`fail`, or `warn` for a warning rule); the schema gives its findings, or a `pass`.
 * Pure and interpreting: no code is generated, so it runs under the extension's CSP.
 */
import { Validator, type OutputUnit, type Schema } from '@cfworker/json-schema';
import { expectationText, holds, isPresent, valueAt } from './paths';
import { jsonText } from './xdm-text';
import type { Plan, Rule } from './plan';
import type { EventVerdict, Finding, ValidationEvent } from './types';
import { checkXdm } from './xdm-schema';

/**
 * JSON Schema validators per rule object (plans are immutable once read): one that stops at the
 * first error, which answers "valid?" cheaply for the events that are (most of them), and one that
 * lists every error, run only for an event that is not.
 */
const validators = new WeakMap<Rule, { quick: Validator; full: Validator }>();

function validatorsOf(rule: Rule): { quick: Validator; full: Validator } | undefined {
  if (rule.expect === undefined) return undefined;
  let pair = validators.get(rule);
  if (!pair) {
    const schema = rule.expect as Schema | boolean;
    pair = {
      quick: new Validator(schema, '2020-12', true),
      full: new Validator(schema, '2020-12', false),
    };
    validators.set(rule, pair);
  }
  return pair;
}

/** `#/xdm/commerce` → `xdm.commerce`. */
function pathOf(location: string): string {
  return location
    .replace(/^#\/?/, '')
    .split('/')
    .filter(Boolean)
    .map((part) => decodeURIComponent(part.replace(/~1/g, '/').replace(/~0/g, '~')))
    .join('.');
}

/** The errors that say what is wrong, without the "properties did not match" wrappers. */
function leafErrors(errors: readonly OutputUnit[]): OutputUnit[] {
  const wrappers = new Set([
    'properties',
    'allOf',
    'anyOf',
    'oneOf',
    'items',
    'prefixItems',
    '$ref',
    'then',
    'else',
    'if',
    'additionalProperties',
    'unevaluatedProperties',
    'dependentSchemas',
    'contains',
  ]);
  const leaves = errors.filter((error) => !wrappers.has(error.keyword));
  return leaves.length ? leaves : errors.slice(0, 1);
}

function expectFindings(rule: Rule, event: ValidationEvent, status: Finding['status']): Finding[] {
  const pair = validatorsOf(rule);
  if (!pair) return [];
  let result: ReturnType<Validator['validate']>;
  try {
    if (pair.quick.validate(event).valid) return [];
    result = pair.full.validate(event);
  } catch (error) {
    // The interpreter throws on some page data (a key with a lone surrogate makes encodeURI throw
    // while it builds a path). Page data must never break validation: it is a finding instead.
    return [
      {
        rule: rule.id,
        status,
        message: `The event could not be checked against expect: ${(error as Error).message}`,
      },
    ];
  }
  if (result.valid) return [];
  return leafErrors(result.errors).map((error) => {
    let path = pathOf(error.instanceLocation);
    const missing = /required property "([^"]+)"/.exec(error.error);
    if (error.keyword === 'required' && missing)
      path = path ? `${path}.${missing[1]}` : (missing[1] ?? '');
    return {
      rule: rule.id,
      status,
      path,
      expected:
        error.keyword === 'required' ? 'present' : `${error.keyword} (${error.keywordLocation})`,
      actual: jsonText(valueAt(event, path)),
      message: error.error,
    };
  });
}

function ruleFindings(rule: Rule, event: ValidationEvent): Finding[] | undefined {
  if (!rule.when.every(({ path, expectation }) => holds(expectation, valueAt(event, path))))
    return undefined;
  const status = rule.severity === 'warning' ? 'warn' : 'fail';
  const findings: Finding[] = [];
  for (const path of rule.require) {
    const value = valueAt(event, path);
    if (!isPresent(value))
      findings.push({
        rule: rule.id,
        status,
        path,
        expected: 'present and not empty',
        actual: jsonText(value),
        message: `${path} is ${value === undefined ? 'missing' : 'empty'}`,
      });
  }
  for (const { path, expectation } of rule.match) {
    const value = valueAt(event, path);
    if (!holds(expectation, value))
      findings.push({
        rule: rule.id,
        status,
        path,
        expected: expectationText(expectation),
        actual: jsonText(value),
        message: `${path} does not match ${expectationText(expectation)}`,
      });
  }
  findings.push(...expectFindings(rule, event, status));
  if (rule.description) for (const finding of findings) finding.description = rule.description;
  return findings;
}

export function validateEvent(
  plan: Plan,
  event: ValidationEvent,
  eventIndex: number,
): EventVerdict {
  // Passes are kept as rule ids (`passed`): a plan of 30 rules over 10,000 stored calls would
  // otherwise store and send 300,000 pass objects; `allFindings` spells them out for reading.
  const findings: Finding[] = [];
  const passed: string[] = [];
  for (const rule of plan.rules) {
    const ruleResult = ruleFindings(rule, event);
    if (ruleResult === undefined) continue;
    if (ruleResult.length) findings.push(...ruleResult);
    else passed.push(rule.id);
  }
  if (plan.schema) {
    const schemaFindings = checkXdm(plan.schema, event.xdm);
    findings.push(...schemaFindings);
    if (!schemaFindings.some((f) => f.status === 'fail' || f.status === 'warn'))
      passed.push('schema');
  }
  const eventType = valueAt(event, 'xdm.eventType');
  return {
    eventIndex,
    ...(typeof eventType === 'string' ? { eventType } : {}),
    findings,
    ...(passed.length ? { passed } : {}),
  };
}
