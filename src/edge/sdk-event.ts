/**
 * The Web SDK's own side, as its monitors report it (docs/edge-protocol.md §8): instances, their
 * configuration, commands, log lines, pre-hiding; plus the Tags (Launch) build and the Adobe
 * Client Data Layer's pushes when the page has them. Each is reduced in the page to a small,
 * JSON-safe record of text: functions become "function", DOM nodes their tag, cycles
 * "[cycle]", and everything is cut to a budget, so nothing the page holds is kept alive.
 */
import { field, isRecord, text } from './read';

export type SdkEventKind =
  'instance' | 'configured' | 'command' | 'log' | 'hiding' | 'tags' | 'datalayer';

export interface SdkCommand {
  name: string;
  phase: 'before' | 'resolved' | 'rejected';
  /** The options, as JSON text (see describeValue). */
  options?: string;
  /** What it resolved to, as JSON text. */
  result?: string;
  /** Why it was rejected. */
  error?: string;
}

export interface SdkLog {
  /** `info`, `warn`, `error`, `log`. */
  level: string;
  component?: string;
  /** The arguments as text, joined by spaces. */
  text: string;
}

export interface TagsBuild {
  property?: string;
  environment?: string;
  buildDate?: string;
  libraryUrl?: string;
}

export interface DataLayerPush {
  /** The pushed object's `event`, when it has one. */
  event?: string;
  /** The pushed object, as JSON text. */
  data: string;
}

/** One thing the SDK side reported, in the page, at `at`. */
export interface SdkEvent {
  at: number;
  kind: SdkEventKind;
  /** The alloy instance name. */
  instance?: string;
  /** `instance`: the library version, when the instance tells it. */
  version?: string;
  /** `configured`: the configuration as JSON text. */
  config?: string;
  command?: SdkCommand;
  log?: SdkLog;
  /** `hiding`: `hide-containers` or `show-containers`. */
  hiding?: string;
  tags?: TagsBuild;
  datalayer?: DataLayerPush;
}

/** Budgets, in characters of the text kept. */
export const SDK_TEXT_BUDGET = { config: 4000, options: 2000, result: 2000, log: 1000, data: 2000 };

const MAX_DEPTH = 6;
const MAX_KEYS = 50;

/**
 * Any page value as JSON text within `budget` characters: functions as "function", DOM nodes as
 * "<tag>", cycles as "[cycle]", depth and key count bounded. Never throws and never calls page
 * code other than property reads (getters run; a throwing getter becomes "[unreadable]").
 */
export function describeValue(value: unknown, budget: number): string {
  const seen = new Set<object>();
  // Every value written takes at least one character: past `budget` of them the text is cut
  // anyway, so a wide and deep value is not walked to the end.
  let nodes = 0;
  const walk = (v: unknown, depth: number): unknown => {
    if (++nodes > budget) return '…';
    if (v === null || typeof v === 'boolean' || typeof v === 'number') return v;
    if (typeof v === 'string') return v.length > budget ? `${v.slice(0, budget)}…` : v;
    if (typeof v === 'function') return 'function';
    if (typeof v === 'undefined') return undefined;
    if (typeof v === 'bigint') return `${String(v)}n`;
    if (typeof v === 'symbol') return 'symbol';
    if (typeof v !== 'object') return String(typeof v);
    if (seen.has(v)) return '[cycle]';
    if (depth >= MAX_DEPTH) return Array.isArray(v) ? '[array]' : '[object]';
    const tag = (v as { nodeType?: unknown; nodeName?: unknown }).nodeType;
    if (typeof tag === 'number') {
      const name = (v as { nodeName?: unknown }).nodeName;
      return `<${typeof name === 'string' ? name.toLowerCase() : 'node'}>`;
    }
    seen.add(v);
    try {
      if (Array.isArray(v)) return v.slice(0, MAX_KEYS).map((item) => walk(item, depth + 1));
      if (v instanceof Error) return `${v.name}: ${v.message}`;
      const out: Record<string, unknown> = {};
      for (const key of Object.keys(v).slice(0, MAX_KEYS)) {
        let item: unknown;
        try {
          item = (v as Record<string, unknown>)[key];
        } catch {
          item = '[unreadable]';
        }
        out[key] = walk(item, depth + 1);
      }
      return out;
    } catch {
      return '[unreadable]';
    } finally {
      seen.delete(v);
    }
  };
  let textOut: string;
  try {
    textOut = JSON.stringify(walk(value, 0)) ?? 'undefined';
  } catch {
    textOut = '"[unreadable]"';
  }
  return textOut.length > budget ? `${textOut.slice(0, budget)}…` : textOut;
}

/** A stored or imported SdkEvent through a guard (files and pages are untrusted). */
export function sdkEventOf(value: unknown): SdkEvent | undefined {
  if (!isRecord(value)) return undefined;
  const at = typeof value.at === 'number' && Number.isFinite(value.at) ? value.at : undefined;
  const kind = text(value.kind);
  const kinds: readonly string[] = [
    'instance',
    'configured',
    'command',
    'log',
    'hiding',
    'tags',
    'datalayer',
  ];
  if (at === undefined || kind === undefined || !kinds.includes(kind)) return undefined;
  const cut = (v: unknown, n: number) => {
    const s = text(v);
    return s === undefined ? undefined : s.slice(0, n + 1);
  };
  const event: SdkEvent = { at, kind: kind as SdkEventKind };
  const instance = cut(value.instance, 100);
  if (instance !== undefined) event.instance = instance;
  const version = cut(value.version, 40);
  if (version !== undefined) event.version = version;
  const config = cut(value.config, SDK_TEXT_BUDGET.config);
  if (config !== undefined) event.config = config;
  const command = field(value, 'command');
  const name = cut(field(command, 'name'), 100);
  const phase = text(field(command, 'phase'));
  if (name !== undefined && (phase === 'before' || phase === 'resolved' || phase === 'rejected')) {
    event.command = { name, phase };
    const options = cut(field(command, 'options'), SDK_TEXT_BUDGET.options);
    if (options !== undefined) event.command.options = options;
    const result = cut(field(command, 'result'), SDK_TEXT_BUDGET.result);
    if (result !== undefined) event.command.result = result;
    const error = cut(field(command, 'error'), SDK_TEXT_BUDGET.log);
    if (error !== undefined) event.command.error = error;
  }
  const log = field(value, 'log');
  const level = cut(field(log, 'level'), 20);
  const logText = cut(field(log, 'text'), SDK_TEXT_BUDGET.log);
  if (level !== undefined && logText !== undefined) {
    event.log = { level, text: logText };
    const component = cut(field(log, 'component'), 100);
    if (component !== undefined) event.log.component = component;
  }
  const hiding = cut(value.hiding, 40);
  if (hiding !== undefined) event.hiding = hiding;
  const tags = field(value, 'tags');
  if (isRecord(tags)) {
    event.tags = {};
    for (const key of ['property', 'environment', 'buildDate', 'libraryUrl'] as const) {
      const v = cut(tags[key], 500);
      if (v !== undefined) event.tags[key] = v;
    }
  }
  const push = field(value, 'datalayer');
  const data = cut(field(push, 'data'), SDK_TEXT_BUDGET.data);
  if (data !== undefined) {
    event.datalayer = { data };
    const name = cut(field(push, 'event'), 200);
    if (name !== undefined) event.datalayer.event = name;
  }
  return event;
}
