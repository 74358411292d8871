/**
 * The SDK view's model: what the Web SDK reported about itself on each page (its instances and
 * their configuration, its commands, its log lines, the Tags build; edge/sdk-event.ts) joined to
 * the calls the view captured. Pure: built from pages and calls, table-tested.
 *
 * Pairing a command: each `before` opens a command; a `resolved` or `rejected` event closes the
 * oldest open command of the same instance and name on the page. A command never closed stays
 * "no answer yet".
 *
 * Linking a command to its calls: the SDK gives commands no request id, so a command's calls are
 * the calls of the same page and instance that started between the command's `before` and its
 * `resolved`/`rejected` event, both included, with LINK_TOLERANCE_MS either side (the page's clock
 * and the capture's clock are read apart). A call without an instance name counts as the
 * instance's when the page has a single instance. A command without an end runs until the next
 * command of its instance starts. A call inside several commands' windows belongs to one: the one
 * it is inside without the tolerance, else the nearest; among equals, the latest started. A log
 * line belongs to the latest started command of its instance running at its time.
 */
import type { SdkEvent, TagsBuild } from '../../edge/sdk-event';
import type { CapturedCall, PageVisit } from '../../session/call';
import { hostOf, optionLines, readConfig, resultLines, siteOf, type SdkConfig } from './sdk-read';

/** How far outside a command's window a call may start and still be the command's (ms). */
export const LINK_TOLERANCE_MS = 50;

/** A page as the SDK view reads it: PageVisit with the SDK's events, when it has them. */
export type SdkPage = Pick<PageVisit, 'id' | 'tabId' | 'url' | 'startedAt'> & {
  sdk?: readonly SdkEvent[];
};

export type SdkCall = Pick<CapturedCall, 'id' | 'seq' | 'pageId' | 'startedAt' | 'sdkInstance'> & {
  /** The call's stored facts: the Web SDK version its events state. */
  facts?: Pick<NonNullable<CapturedCall['facts']>, 'sdkVersion'>;
};

export interface SdkInstanceView {
  key: string;
  pageId: string;
  name: string;
  version?: string;
  configuredAt?: number;
  config?: SdkConfig;
  /** Why the configuration could not be read, when it could not. */
  configProblem?: string;
  /** Trouble, in plain words. */
  trouble: string[];
}

export type CommandOutcome = 'resolved' | 'rejected' | 'pending';

export interface SdkCommandView {
  key: string;
  pageId: string;
  instance?: string;
  name: string;
  /** Its place among the page's commands, from 1. */
  number: number;
  /** `sendEvent #4`, with `(documentUnloading)` when it was. */
  label: string;
  startedAt: number;
  endedAt?: number;
  durationMs?: number;
  outcome: CommandOutcome;
  /** The options worth a glance, as `name: value` lines. */
  options: string[];
  /** What it resolved to, in short lines. */
  result: string[];
  error?: string;
  /** The calls it caused, in start order. */
  callIds: string[];
  /** The data layer push it followed (see PUSH_LEAD_MS), as `event` or `data`. */
  afterPush?: string;
}

/** A data layer push, on the commands' time line. */
export interface SdkPushView {
  key: string;
  at: number;
  /** The pushed object's `event`, else `data` (a data-only push). */
  label: string;
  /** The commands that followed it (see PUSH_LEAD_MS), by label. */
  led: string[];
}

/**
 * A command that starts within this of a data layer push, with no other command of the page in
 * between, followed it: how Tags rules and site code turn pushes into commands.
 */
export const PUSH_LEAD_MS = 1_000;

export interface SdkLogView {
  key: string;
  pageId: string;
  at: number;
  level: string;
  component?: string;
  instance?: string;
  text: string;
  /** The command running when it was logged. */
  commandKey?: string;
  commandLabel?: string;
}

export interface SdkPageView {
  pageId: string;
  tabId: number;
  url: string;
  startedAt: number;
  instances: SdkInstanceView[];
  commands: SdkCommandView[];
  logs: SdkLogView[];
  errors: number;
  warnings: number;
  tags?: TagsBuild;
  /** Pre-hiding in words: when containers were hidden and shown, and for how long. */
  hiding: string[];
  /** How many pushes the Adobe Client Data Layer reported, and their `event` names in order. */
  pushes: number;
  pushEvents: string[];
  /** The pushes, in time order, with the commands each led to. */
  pushList: SdkPushView[];
}

export interface SdkView {
  /** Pages with anything from the SDK, oldest first. */
  pages: SdkPageView[];
  /** The command that made each linked call. */
  commandOfCall: ReadonlyMap<string, SdkCommandView>;
}

function instanceTrouble(
  instance: SdkInstanceView,
  page: SdkPage,
  sameDatastream: boolean,
  setConsentSeen: boolean,
): string[] {
  const trouble: string[] = [];
  if (instance.configProblem) trouble.push(instance.configProblem);
  const config = instance.config;
  if (!config) return trouble;
  if (!config.datastreamId)
    trouble.push('The configuration has no datastream (datastreamId or edgeConfigId).');
  if (!config.orgId) trouble.push('The configuration has no org (orgId).');
  if (config.defaultConsent === 'pending' && !setConsentSeen)
    trouble.push(
      'Default consent is pending and no setConsent command was seen on this page: the SDK holds events until consent is given.',
    );
  const host = hostOf(page.url);
  const edge = (config.edgeDomain ?? 'edge.adobedc.net').toLowerCase();
  if (host && config.thirdPartyCookiesEnabled !== false) {
    const site = siteOf(host);
    if (edge !== site && !edge.endsWith(`.${site}`))
      trouble.push(
        `The edge domain ${edge} is not on the page's site (${site}) and third-party cookies are enabled: browsers that block third-party cookies drop the Edge's cookies there. A first-party edge domain (a CNAME under ${site}) avoids it.`,
      );
  }
  if (sameDatastream && config.datastreamId)
    trouble.push(
      `Another instance on this page uses the same datastream (${config.datastreamId}): each sends its own calls, so events may be counted twice.`,
    );
  return trouble;
}

interface Open {
  view: SdkCommandView;
  closed: boolean;
}

function isWarning(level: string): boolean {
  return level === 'warn' || level === 'warning';
}

function buildPage(page: SdkPage, calls: readonly SdkCall[]): SdkPageView | undefined {
  const events = [...(page.sdk ?? [])].sort((a, b) => a.at - b.at);
  if (events.length === 0) return undefined;
  const instances = new Map<string, SdkInstanceView>();
  const instanceOf = (name: string): SdkInstanceView => {
    let found = instances.get(name);
    if (!found) {
      found = { key: `${page.id}:${name}`, pageId: page.id, name, trouble: [] };
      instances.set(name, found);
    }
    return found;
  };
  const commands: Open[] = [];
  const logs: SdkLogView[] = [];
  let tags: TagsBuild | undefined;
  const hiding: string[] = [];
  let hiddenAt: number | undefined;
  let pushes = 0;
  const pushEvents: string[] = [];
  const pushList: SdkPushView[] = [];
  for (const event of events) {
    switch (event.kind) {
      case 'instance':
        if (event.instance) {
          const found = instanceOf(event.instance);
          if (event.version) found.version = event.version;
        }
        break;
      case 'configured': {
        const found = instanceOf(event.instance ?? 'alloy');
        if (event.version) found.version = event.version;
        found.configuredAt = event.at;
        const { config, problem } = readConfig(event.config);
        found.config = config;
        found.configProblem = problem;
        break;
      }
      case 'command': {
        const command = event.command;
        if (!command) break;
        if (event.instance) instanceOf(event.instance);
        if (command.phase === 'before') {
          const number = commands.length + 1;
          const options = optionLines(command.options);
          const unloading = options.includes('documentUnloading: true');
          commands.push({
            closed: false,
            view: {
              key: `${page.id}:command:${number}`,
              pageId: page.id,
              instance: event.instance,
              name: command.name,
              number,
              label: `${command.name} #${number}${unloading ? ' (documentUnloading)' : ''}`,
              startedAt: event.at,
              outcome: 'pending',
              options,
              result: [],
              callIds: [],
            },
          });
          break;
        }
        const open = commands.find(
          (c) => !c.closed && c.view.name === command.name && c.view.instance === event.instance,
        );
        if (!open) break;
        open.closed = true;
        open.view.endedAt = event.at;
        open.view.durationMs = Math.max(0, event.at - open.view.startedAt);
        open.view.outcome = command.phase;
        if (command.phase === 'resolved') open.view.result = resultLines(command.result);
        else open.view.error = command.error ?? 'rejected, with no reason given';
        break;
      }
      case 'log':
        if (event.log)
          logs.push({
            key: `${page.id}:log:${logs.length}`,
            pageId: page.id,
            at: event.at,
            level: event.log.level,
            component: event.log.component,
            instance: event.instance,
            text: event.log.text,
          });
        break;
      case 'tags':
        if (event.tags) tags = { ...tags, ...event.tags };
        break;
      case 'hiding':
        if (event.hiding === 'hide-containers') {
          hiddenAt = event.at;
          hiding.push('Containers hidden (pre-hiding)');
        } else if (event.hiding === 'show-containers') {
          hiding.push(
            hiddenAt === undefined
              ? 'Containers shown'
              : `Containers shown after ${Math.max(0, event.at - hiddenAt)} ms hidden`,
          );
          hiddenAt = undefined;
        } else if (event.hiding) hiding.push(event.hiding);
        break;
      case 'datalayer':
        if (event.datalayer) {
          pushes += 1;
          if (event.datalayer.event) pushEvents.push(event.datalayer.event);
          pushList.push({
            key: `${page.id}:push:${pushList.length}`,
            at: event.at,
            label: event.datalayer.event ?? 'data',
            led: [],
          });
        }
        break;
    }
  }
  const views = commands.map((c) => c.view);

  // Each command's window: its start to its end, or to the next command of its instance.
  const windowEnd = (view: SdkCommandView, index: number): number => {
    if (view.endedAt !== undefined) return view.endedAt;
    const next = views.slice(index + 1).find((v) => v.instance === view.instance);
    return next ? next.startedAt : Number.POSITIVE_INFINITY;
  };
  const ends = views.map(windowEnd);
  const single = instances.size <= 1;
  const pageCalls = calls
    .filter((call) => call.pageId === page.id)
    .sort((a, b) => a.startedAt - b.startedAt || a.seq - b.seq);
  for (const call of pageCalls) {
    let best: { index: number; distance: number } | undefined;
    views.forEach((view, index) => {
      const sameInstance =
        call.sdkInstance === undefined
          ? single
          : view.instance === undefined || view.instance === call.sdkInstance;
      if (!sameInstance) return;
      const end = ends[index] ?? view.startedAt;
      const distance =
        call.startedAt < view.startedAt
          ? view.startedAt - call.startedAt
          : call.startedAt > end
            ? call.startedAt - end
            : 0;
      if (distance > LINK_TOLERANCE_MS) return;
      if (!best || distance < best.distance || (distance === best.distance && index > best.index))
        best = { index, distance };
    });
    if (best) views[best.index]?.callIds.push(call.id);
  }

  for (const log of logs) {
    for (let index = views.length - 1; index >= 0; index--) {
      const view = views[index];
      if (!view) continue;
      if (
        log.instance !== undefined &&
        view.instance !== undefined &&
        log.instance !== view.instance
      )
        continue;
      if (view.startedAt <= log.at && log.at <= (ends[index] ?? view.startedAt)) {
        log.commandKey = view.key;
        log.commandLabel = view.label;
        break;
      }
    }
  }

  // Each command follows the latest push before it, when no command of the page came between.
  for (const [index, view] of views.entries()) {
    const previous = index > 0 ? (views[index - 1]?.startedAt ?? -Infinity) : -Infinity;
    // The page's own listener may run before ours: a push heard up to LINK_TOLERANCE_MS after
    // the command started is the one it answered.
    const push = pushList
      .filter((p) => p.at <= view.startedAt + LINK_TOLERANCE_MS && p.at >= previous)
      .at(-1);
    if (!push || view.startedAt - push.at > PUSH_LEAD_MS) continue;
    view.afterPush = push.label;
    push.led.push(view.label);
  }

  const list = [...instances.values()];
  // The monitors do not tell the version (2.19 to 2.33); the instance's own events do.
  for (const instance of list) {
    if (instance.version) continue;
    const stated = pageCalls.find(
      (call) =>
        call.facts?.sdkVersion !== undefined &&
        (call.sdkInstance === instance.name || (call.sdkInstance === undefined && single)),
    );
    if (stated?.facts?.sdkVersion) instance.version = stated.facts.sdkVersion;
  }
  const byDatastream = new Map<string, number>();
  for (const instance of list) {
    const id = instance.config?.datastreamId;
    if (id) byDatastream.set(id, (byDatastream.get(id) ?? 0) + 1);
  }
  for (const instance of list) {
    const setConsentSeen = views.some(
      (v) => v.name === 'setConsent' && (v.instance === undefined || v.instance === instance.name),
    );
    const id = instance.config?.datastreamId;
    instance.trouble = instanceTrouble(
      instance,
      page,
      id !== undefined && (byDatastream.get(id) ?? 0) > 1,
      setConsentSeen,
    );
  }

  return {
    pageId: page.id,
    tabId: page.tabId,
    url: page.url,
    startedAt: page.startedAt,
    instances: list,
    commands: views,
    logs,
    errors: logs.filter((l) => l.level === 'error').length,
    warnings: logs.filter((l) => isWarning(l.level)).length,
    tags,
    hiding,
    pushes,
    pushEvents,
    pushList,
  };
}

/** The SDK view over the view's pages and calls. */
export function buildSdkView(pages: Iterable<SdkPage>, calls: readonly SdkCall[]): SdkView {
  const spoken = [...pages].filter((page) => (page.sdk?.length ?? 0) > 0);
  // Without a page the SDK spoke on, the calls are not even looked at.
  if (spoken.length === 0) return { pages: [], commandOfCall: new Map() };
  const ids = new Set(spoken.map((page) => page.id));
  const byPage = new Map<string, SdkCall[]>();
  for (const call of calls) {
    if (call.pageId === undefined || !ids.has(call.pageId)) continue;
    const list = byPage.get(call.pageId);
    if (list) list.push(call);
    else byPage.set(call.pageId, [call]);
  }
  const built: SdkPageView[] = [];
  for (const page of spoken.sort((a, b) => a.startedAt - b.startedAt)) {
    const view = buildPage(page, byPage.get(page.id) ?? []);
    if (view) built.push(view);
  }
  const commandOfCall = new Map<string, SdkCommandView>();
  for (const page of built)
    for (const command of page.commands)
      for (const id of command.callIds) commandOfCall.set(id, command);
  return { pages: built, commandOfCall };
}

const short = (id: string) => (id.length > 8 ? `${id.slice(0, 4)}…` : id);

/**
 * One line for the latest page the SDK spoke on: "Web SDK 2.33.1 · 1 instance (alloy) ·
 * datastream 8d4c… · Tags: Demo property (development)". Undefined when nothing is known.
 */
export function sdkSummary(view: SdkView): string | undefined {
  const page = view.pages[view.pages.length - 1];
  if (!page) return undefined;
  const parts: string[] = [];
  const versions = [...new Set(page.instances.map((i) => i.version).filter(Boolean))];
  if (versions.length) parts.push(`Web SDK ${versions.join(', ')}`);
  if (page.instances.length)
    parts.push(
      `${page.instances.length === 1 ? '1 instance' : `${page.instances.length} instances`} (${page.instances.map((i) => i.name).join(', ')})`,
    );
  const datastreams = [
    ...new Set(page.instances.map((i) => i.config?.datastreamId).filter((d) => d !== undefined)),
  ];
  if (datastreams.length)
    parts.push(
      `${datastreams.length === 1 ? 'datastream' : 'datastreams'} ${datastreams.map(short).join(', ')}`,
    );
  if (page.tags?.property || page.tags?.environment)
    parts.push(
      `Tags: ${page.tags.property ?? 'unnamed property'}${page.tags.environment ? ` (${page.tags.environment})` : ''}`,
    );
  const troubles = page.instances.reduce((n, i) => n + i.trouble.length, 0);
  if (troubles) parts.push(troubles === 1 ? '1 trouble' : `${troubles} troubles`);
  return parts.length ? parts.join(' · ') : undefined;
}
