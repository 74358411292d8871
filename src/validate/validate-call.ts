/** One call's events against a plan: the engine (rules, JSON Schema, the XDM checker). */
import { validationEvents, type EventSource } from './events';
import type { Plan } from './plan';
import { validateEvent } from './rules';
import { countVerdicts, type CallValidation } from './verdicts';

export function validateCall(
  plan: Plan,
  source: EventSource,
  requestText: string | undefined,
): CallValidation {
  const events = validationEvents(source, requestText).map((event, index) =>
    validateEvent(plan, event, index),
  );
  return {
    plan: plan.name,
    ...(plan.id ? { planId: plan.id } : {}),
    events,
    counts: countVerdicts(events),
  };
}
