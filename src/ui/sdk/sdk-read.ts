/**
 * Reading what the Web SDK reported as JSON text (edge/sdk-event.ts): an instance's configuration,
 * a command's options and result, as values and as short `name: value` lines. Pure and total:
 * text the page produced never throws here and is only ever shown as text.
 */
import { field, flag, isRecord, text } from '../../edge/read';

/** The configuration an instance was given, read from the `configured` event's JSON text. */
export interface SdkConfig {
  datastreamId?: string;
  orgId?: string;
  edgeDomain?: string;
  edgeBasePath?: string;
  defaultConsent?: string;
  thirdPartyCookiesEnabled?: boolean;
  idMigrationEnabled?: boolean;
  clickCollectionEnabled?: boolean;
  /** `context`, as the names given. */
  context?: string[];
  /** True when the configuration has an `onBeforeEventSend` callback. */
  onBeforeEventSend?: boolean;
  /** `edgeConfigOverrides`, as JSON text. */
  edgeConfigOverrides?: string;
}

function parseJson(raw: string | undefined): { value?: unknown; problem?: string } {
  if (raw === undefined) return {};
  try {
    return { value: JSON.parse(raw) as unknown };
  } catch {
    return { problem: `not JSON text (it may have been cut to the budget): ${raw.slice(0, 80)}` };
  }
}

const json = (value: unknown): string | undefined => {
  if (value === undefined) return undefined;
  try {
    return JSON.stringify(value);
  } catch {
    return undefined;
  }
};

/** Reads a configuration; never throws. */
export function readConfig(raw: string | undefined): { config?: SdkConfig; problem?: string } {
  const { value, problem } = parseJson(raw);
  if (problem) return { problem: `The configuration could not be read: ${problem}` };
  if (raw === undefined) return {};
  if (!isRecord(value)) return { problem: 'The configuration is not an object.' };
  const config: SdkConfig = {};
  const datastream = text(field(value, 'datastreamId')) ?? text(field(value, 'edgeConfigId'));
  if (datastream) config.datastreamId = datastream;
  const strings = ['orgId', 'edgeDomain', 'edgeBasePath'] as const;
  for (const key of strings) {
    const v = text(field(value, key));
    if (v) config[key] = v;
  }
  const consent = field(value, 'defaultConsent');
  if (typeof consent === 'string') config.defaultConsent = consent;
  else if (consent !== undefined) config.defaultConsent = json(consent);
  const flags = [
    'thirdPartyCookiesEnabled',
    'idMigrationEnabled',
    'clickCollectionEnabled',
  ] as const;
  for (const key of flags) {
    const v = flag(field(value, key));
    if (v !== undefined) config[key] = v;
  }
  const context = field(value, 'context');
  if (Array.isArray(context)) config.context = context.map((c) => String(c));
  const before = field(value, 'onBeforeEventSend');
  if (before !== undefined) config.onBeforeEventSend = before === 'function';
  const overrides = field(value, 'edgeConfigOverrides');
  if (overrides !== undefined) config.edgeConfigOverrides = json(overrides);
  return { config };
}

/** The configuration as `name: value` lines, in a fixed order. */
export function configLines(config: SdkConfig): Array<[string, string]> {
  const lines: Array<[string, string]> = [];
  const add = (name: string, value: string | boolean | undefined) => {
    if (value !== undefined) lines.push([name, String(value)]);
  };
  add('Datastream', config.datastreamId);
  add('Org', config.orgId);
  add('Edge domain', config.edgeDomain ?? 'edge.adobedc.net (the default)');
  add('Edge base path', config.edgeBasePath);
  add('Default consent', config.defaultConsent ?? 'in (the default)');
  add(
    'Third-party cookies',
    config.thirdPartyCookiesEnabled === undefined
      ? 'enabled (the default)'
      : config.thirdPartyCookiesEnabled
        ? 'enabled'
        : 'disabled',
  );
  add('ID migration', config.idMigrationEnabled);
  add('Click collection', config.clickCollectionEnabled);
  add('Context', config.context?.join(', '));
  // The monitors see the computed configuration, where alloy puts an empty callback by default.
  add(
    'onBeforeEventSend',
    config.onBeforeEventSend
      ? "function (the page's own, or alloy's empty default: the configuration cannot tell)"
      : undefined,
  );
  add('Datastream overrides', config.edgeConfigOverrides);
  return lines;
}

/** The host's site: its last two labels, three under a two-letter country's short second level. */
export function siteOf(host: string): string {
  const labels = host.toLowerCase().split('.');
  if (labels.length <= 2 || /^[\d.]+$/.test(host)) return host.toLowerCase();
  const last = labels[labels.length - 1] ?? '';
  const second = labels[labels.length - 2] ?? '';
  const keep = last.length === 2 && second.length <= 3 ? 3 : 2;
  return labels.slice(-keep).join('.');
}

export function hostOf(url: string): string | undefined {
  try {
    return new URL(url).hostname || undefined;
  } catch {
    return undefined;
  }
}

const yesNo = (v: unknown) => (typeof v === 'boolean' ? String(v) : undefined);

/** The options worth a glance, as `name: value` lines. */
export function optionLines(raw: string | undefined): string[] {
  const { value, problem } = parseJson(raw);
  if (problem) return [`options: ${problem}`];
  if (!isRecord(value)) return [];
  const lines: string[] = [];
  const add = (name: string, v: string | undefined) => {
    if (v !== undefined && v !== '') lines.push(`${name}: ${v}`);
  };
  add('type', text(field(value, 'type')));
  const xdm = field(value, 'xdm');
  add('eventType', text(field(xdm, 'eventType')));
  add('renderDecisions', yesNo(field(value, 'renderDecisions')));
  const scopes = field(value, 'decisionScopes');
  if (Array.isArray(scopes)) add('decisionScopes', scopes.map(String).join(', '));
  const personalization = field(value, 'personalization');
  const surfaces = field(personalization, 'surfaces');
  if (Array.isArray(surfaces)) add('personalization surfaces', surfaces.map(String).join(', '));
  const pScopes = field(personalization, 'decisionScopes');
  if (Array.isArray(pScopes)) add('personalization decisionScopes', pScopes.map(String).join(', '));
  add('documentUnloading', yesNo(field(value, 'documentUnloading')));
  const overrides = field(value, 'edgeConfigOverrides');
  if (overrides !== undefined) add('edgeConfigOverrides', json(overrides));
  return lines;
}

/** What a command resolved to, in short lines. */
export function resultLines(raw: string | undefined): string[] {
  const { value } = parseJson(raw);
  if (!isRecord(value)) return [];
  const lines: string[] = [];
  const propositions = field(value, 'propositions');
  if (Array.isArray(propositions))
    lines.push(propositions.length === 1 ? '1 proposition' : `${propositions.length} propositions`);
  const decisions = field(value, 'decisions');
  if (Array.isArray(decisions) && decisions.length > 0)
    lines.push(decisions.length === 1 ? '1 decision' : `${decisions.length} decisions`);
  const identity = field(value, 'identity');
  const ecid = text(field(identity, 'ECID'));
  if (ecid) lines.push(`ECID ${ecid}`);
  const consent = field(value, 'consent');
  if (consent !== undefined) lines.push(`consent ${json(consent) ?? ''}`);
  return lines;
}
