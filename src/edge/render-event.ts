/**
 * The Web SDK's `onContentRendering` monitor event (docs/edge-protocol.md §8): what alloy did with
 * the propositions it was asked to render. The payload differs by status:
 *
 * - `rendering-started`: `{ scope, propositions: [proposition.toJSON()] }`
 * - `rendering-succeeded`: `{ [scope]: [{ id, scope, scopeDetails }] }`
 * - `rendering-failed`: `{ propositionDetails: { id, scope, scopeDetails }, item }`, plus `error`
 * - `rendering-redirect`: `{ propositionDetails, redirect }`
 * - `no-offers`: `{ query }`
 *
 * Only the proposition ids and scopes are kept (never the items: they hold the page's HTML).
 */
import { field, idText, isRecord, list, text } from './read';

export interface RenderedProposition {
  id: string;
  scope?: string;
}

/** One onContentRendering event, reduced to what the visit needs. JSON-safe. */
export interface RenderRecord {
  /** Epoch ms when the page saw it. */
  at: number;
  /** `rendering-started`, `rendering-succeeded`, `rendering-failed`, `rendering-redirect`… */
  status: string;
  propositions: RenderedProposition[];
  /** The error alloy gave with `rendering-failed`, as text, cut to 300 characters. */
  error?: string;
  /** The alloy instance name. */
  instance?: string;
}

/** At most this many propositions are kept per event. */
const MAX_PROPOSITIONS = 50;
const MAX_ERROR = 300;

function proposition(value: unknown): RenderedProposition | undefined {
  const id = idText(field(value, 'id'));
  if (id === undefined) return undefined;
  const scope = idText(field(value, 'scope'));
  return scope === undefined ? { id } : { id, scope };
}

function propositionsOf(status: string, payload: unknown): RenderedProposition[] {
  if (!isRecord(payload)) return [];
  const single = proposition(field(payload, 'propositionDetails'));
  if (single) return [single];
  const started = list(field(payload, 'propositions'));
  if (started) return started.map(proposition).filter((p) => p !== undefined);
  if (status !== 'rendering-succeeded') return [];
  // `{ [scope]: [{ id, scope }] }`
  return Object.values(payload)
    .flatMap((value) => list(value) ?? [])
    .map(proposition)
    .filter((p) => p !== undefined);
}

function errorText(error: unknown): string | undefined {
  const message = text(field(error, 'message')) ?? text(error);
  return message === undefined ? undefined : message.slice(0, MAX_ERROR);
}

/**
 * The monitor's data (`{ instanceName, status, payload, error? }`) as a RenderRecord, or undefined
 * when it has no status. Never throws.
 */
export function decodeRenderEvent(data: unknown, at: number): RenderRecord | undefined {
  const status = text(field(data, 'status'));
  if (status === undefined) return undefined;
  const record: RenderRecord = {
    at,
    status: status.slice(0, 60),
    propositions: propositionsOf(status, field(data, 'payload')).slice(0, MAX_PROPOSITIONS),
  };
  const error = errorText(field(data, 'error'));
  if (error !== undefined) record.error = error;
  const instance = text(field(data, 'instanceName'));
  if (instance !== undefined) record.instance = instance.slice(0, 100);
  return record;
}

/** A stored or imported RenderRecord through the same guard (files are untrusted). */
export function renderRecordOf(value: unknown): RenderRecord | undefined {
  if (!isRecord(value)) return undefined;
  const at = typeof value.at === 'number' && Number.isFinite(value.at) ? value.at : undefined;
  const status = text(value.status);
  if (at === undefined || status === undefined) return undefined;
  const record: RenderRecord = {
    at,
    status: status.slice(0, 60),
    propositions: (list(value.propositions) ?? [])
      .map(proposition)
      .filter((p) => p !== undefined)
      .slice(0, MAX_PROPOSITIONS),
  };
  const error = text(value.error);
  if (error !== undefined) record.error = error.slice(0, MAX_ERROR);
  const instance = text(value.instance);
  if (instance !== undefined) record.instance = instance.slice(0, 100);
  return record;
}
