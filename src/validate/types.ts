/**
 * Validation's shared vocabulary: what a rule or the XDM schema says of one event. Pure types.
 * The engine (plan.ts, rules.ts, xdm-schema.ts) produces them, the analysis stores them with the
 * call, the viewer, the popup, the reports and the command line read them.
 */

/** `info` is for what the schema requires but the Web SDK never sends (`_id`): not a failure. */
export type FindingStatus = 'pass' | 'fail' | 'warn' | 'info';

export interface Finding {
  /** The plan rule's id, or `schema` for the XDM schema. */
  rule: string;
  status: FindingStatus;
  /** Dotted path into the event object: `xdm.web.webPageDetails.name`. */
  path?: string;
  /** What was expected there, in words or as JSON text. */
  expected?: string;
  /** What was there, as JSON text (cut to a few hundred characters), or `(missing)`. */
  actual?: string;
  message: string;
  /** The rule's description from the plan, when it has one: the words a marketer reads. */
  description?: string;
}

/** The object a rule sees for each event of a call (a batch's events one by one). */
export interface ValidationEvent {
  /** The Edge action: `interact`, `collect`, … */
  action: string;
  datastreamId?: string;
  /** The call's URL. */
  url: string;
  /** The page the call was made from, when known. */
  page?: { url?: string; title?: string };
  xdm?: unknown;
  data?: unknown;
  meta?: unknown;
}

/** Every finding of one event: only rules that applied (their `when` held), and the schema's. */
export interface EventVerdict {
  eventIndex: number;
  eventType?: string;
  /** Every finding that is not a pass (fail, warn, info). */
  findings: Finding[];
  /** The rules (and `schema`) that applied and passed, by id (see verdicts.ts allFindings). */
  passed?: string[];
}

/** A tab's events against the plan: counts and the first problems in words. */
export interface TabValidation {
  plan: string;
  counts: VerdictCounts;
  problems: string[];
}

/** Counts of one call or one session, by event. */
export interface VerdictCounts {
  events: number;
  /** Events with no `fail` and no `warn` finding. */
  passed: number;
  /** Events with at least one `fail`. */
  failed: number;
  /** Events with a `warn` and no `fail`. */
  warned: number;
}
