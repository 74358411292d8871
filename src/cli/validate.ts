/**
 * `aep-edge-inspector validate`: the visit checks over each session (HAR 1.2 or our JSON session
 * file), and every Edge call against a tracking plan when one is given (docs/tracking-plan.md),
 * as text, JSON or JUnit XML. Each file is one finished visit: its visit is built apart from the
 * other files' (two files are two visitors, not one whose ECID changed), with every page left.
 * Exit 0 when nothing fails, 1 when an event or a visit finding fails, 2 for bad usage or bad
 * input (the reason on stderr). Files go through `io`, so tests run it in memory; main.ts gives
 * it the real disk.
 */
import { dirname, isAbsolute, join } from 'node:path';
import type { CallWithBodies, PageVisit } from '../session/call';
import { importFile } from '../session/import';
import { parsePlan, type Plan } from '../validate/plan';
import { jsonReport } from '../validate/report-json';
import { junitReport } from '../validate/report-junit';
import { plain, textReport } from '../validate/report-text';
import { validateSession, type SessionVerdicts } from '../validate/session-verdicts';
import { checkVisit, visitFailed, visitResults, type VisitResult } from '../validate/visit-results';

export interface CliIo {
  /** The file's text; throws when it cannot be read. */
  readFile(path: string): string;
  /** Writes the file; throws when it cannot. */
  writeFile(path: string, text: string): void;
  stdout(text: string): void;
  stderr(text: string): void;
}

export const VALIDATE_USAGE = `Usage: aep-edge-inspector validate SESSION... [--plan FILE] [--format text|json|junit] [--out FILE]

Checks the AEP Edge Network calls in each SESSION: the visit checks always (the
ECID changing, consent, location hints, decisions shown without a display
notification, rendering, media pings), and every call against a tracking plan
when --plan is given. Each SESSION is one visit. SESSION is a HAR 1.2 file
(Chrome's "Save all as HAR", Playwright's recordHar, an AEP Edge Inspector
export) or a session file saved by AEP Edge Inspector.

Options:
  --plan FILE      the tracking plan, YAML or JSON. Its schema: path is read
                   relative to the plan's folder.
  --format FORMAT  text (the default), json or junit
  --out FILE       write the report to FILE instead of standard output
  -h, --help       show this help

Visit findings are reported as rules visit:<check>, with status warn or fail.

Exit status: 0 when nothing fails (warnings do not fail), 1 when an event fails
the plan or a visit finding fails, 2 for bad usage or bad input (the reason is
written to standard error).
`;

const FORMATS = ['text', 'json', 'junit'] as const;
type Format = (typeof FORMATS)[number];

interface Options {
  sessions: string[];
  plan?: string;
  format: Format;
  out?: string;
}

type Parsed = { ok: true; help: true } | { ok: true; help: false; options: Options } | Refused;
type Refused = { ok: false; reasons: string[] };

const VALUED = new Set(['--plan', '--format', '--out']);

function parseArgs(argv: readonly string[]): Parsed {
  if (argv.some((arg, i) => (arg === '--help' || arg === '-h') && !argv.slice(0, i).includes('--')))
    return { ok: true, help: true };
  const sessions: string[] = [];
  const values = new Map<string, string>();
  let rest = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (rest || arg === '-' || !arg.startsWith('-')) {
      sessions.push(arg);
      continue;
    }
    if (arg === '--') {
      rest = true;
      continue;
    }
    const eq = arg.indexOf('=');
    const name = eq > 0 ? arg.slice(0, eq) : arg;
    if (!VALUED.has(name)) return refuse(`unknown option ${arg}`);
    const value = eq > 0 ? arg.slice(eq + 1) : argv[++i];
    if (value === undefined || value === '' || (eq < 0 && value.startsWith('--')))
      return refuse(`${name} needs a value`);
    if (values.has(name)) return refuse(`${name} is given twice`);
    values.set(name, value);
  }
  const format = values.get('--format') ?? 'text';
  if (!FORMATS.includes(format as Format))
    return refuse(`unknown format "${format}": use ${FORMATS.join(', ')}`);
  if (!sessions.length) return refuse('no SESSION given: name at least one HAR or session file');
  const plan = values.get('--plan');
  const out = values.get('--out');
  return {
    ok: true,
    help: false,
    options: {
      sessions,
      format: format as Format,
      ...(plan === undefined ? {} : { plan }),
      ...(out ? { out } : {}),
    },
  };
}

function refuse(...reasons: string[]): Refused {
  return { ok: false, reasons };
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The file's text without a byte-order mark (some tools write one; JSON.parse refuses it). */
function read(io: CliIo, path: string): { ok: true; text: string } | Refused {
  try {
    return { ok: true, text: io.readFile(path).replace(/^\uFEFF/, '') };
  } catch (error) {
    return refuse(`cannot read ${path}: ${message(error)}`);
  }
}

function loadPlan(io: CliIo, path: string): { ok: true; plan: Plan } | Refused {
  const file = read(io, path);
  if (!file.ok) return file;
  const folder = dirname(path);
  const relative = (name: string) => {
    const found = read(io, isAbsolute(name) ? name : join(folder, name));
    return found.ok ? found.text : undefined;
  };
  const parsed = parsePlan(file.text, path, relative);
  if (parsed.ok) return parsed;
  return refuse(`the plan ${path} is refused:`, ...parsed.problems.map((p) => `  - ${p}`));
}

interface Sessions {
  calls: CallWithBodies[];
  pages: PageVisit[];
  /** The visit findings, file by file. */
  visit: VisitResult[];
  /** One line per file: what it held. */
  notes: string[];
  /** Files that held no Edge call. */
  empty: string[];
}

function loadSessions(
  io: CliIo,
  paths: readonly string[],
): { ok: true; sessions: Sessions } | Refused {
  const sessions: Sessions = { calls: [], pages: [], visit: [], notes: [], empty: [] };
  const reasons: string[] = [];
  for (const [i, path] of paths.entries()) {
    const file = read(io, path);
    if (!file.ok) {
      reasons.push(...file.reasons);
      continue;
    }
    // One import id per file, so that call and page ids stay apart across files.
    const imported = importFile(path, file.text, `s${i + 1}`);
    if (!imported.ok) {
      reasons.push(`${path}: ${imported.reason}`);
      continue;
    }
    sessions.calls.push(...imported.calls);
    sessions.pages.push(...imported.pages);
    const calls = imported.calls.map((item) => item.call);
    const findings = checkVisit(calls, imported.pages, { ended: true });
    sessions.visit.push(...visitResults(findings, calls, imported.pages));
    const kind = imported.origin.format === 'har' ? 'HAR' : 'session';
    const other = imported.skipped ? `, ${imported.skipped} other entries skipped` : '';
    sessions.notes.push(`${path} (${kind}): ${imported.calls.length} Edge calls${other}`);
    if (!imported.calls.length) sessions.empty.push(path);
  }
  return reasons.length ? { ok: false, reasons } : { ok: true, sessions };
}

function render(
  format: Format,
  verdicts: SessionVerdicts | undefined,
  visit: readonly VisitResult[],
  notes: string[],
): string {
  if (format === 'json') return jsonReport(verdicts, visit);
  if (format === 'junit') return junitReport(verdicts, visit);
  return textReport(verdicts, notes, visit);
}

/** The line `--out` prints: the plan's counts, and the visit's when there is no plan or a finding. */
function summaryLine(verdicts: SessionVerdicts | undefined, visit: readonly VisitResult[]): string {
  const parts: string[] = [];
  if (verdicts) {
    const { events, passed, failed, warned } = verdicts.summary;
    parts.push(`${events} events, ${passed} passed, ${failed} failed, ${warned} warned`);
  }
  if (!verdicts || visit.length) {
    const failed = visit.filter((r) => r.status === 'fail').length;
    parts.push(`visit checks: ${visit.length} findings, ${failed} failed`);
  }
  return parts.join('; ');
}

/** Reasons can quote a file (a JSON parse error shows its start): terminal-safe, line by line. */
function fail(io: CliIo, refused: Refused): number {
  io.stderr(`aep-edge-inspector validate: ${refused.reasons.map(plain).join('\n')}\n`);
  io.stderr("Run 'aep-edge-inspector validate --help' for usage.\n");
  return 2;
}

/** Runs `validate` with the arguments after the subcommand; returns the exit code. */
export function runValidate(argv: string[], io: CliIo): number {
  const parsed = parseArgs(argv);
  if (!parsed.ok) return fail(io, parsed);
  if (parsed.help) {
    io.stdout(VALIDATE_USAGE);
    return 0;
  }
  const { options } = parsed;
  const plan = options.plan === undefined ? undefined : loadPlan(io, options.plan);
  const sessions = loadSessions(io, options.sessions);
  if ((plan && !plan.ok) || !sessions.ok)
    return fail(
      io,
      refuse(...(plan && !plan.ok ? plan.reasons : []), ...(sessions.ok ? [] : sessions.reasons)),
    );

  const { calls, pages, visit, notes, empty } = sessions.sessions;
  for (const path of empty)
    io.stderr(`aep-edge-inspector validate: ${plain(path)} holds no Edge call\n`);
  const verdicts = plan ? validateSession(plan.plan, calls, pages) : undefined;
  const report = render(options.format, verdicts, visit, notes);
  if (options.out) {
    try {
      io.writeFile(options.out, report);
    } catch (error) {
      return fail(io, refuse(`cannot write ${options.out}: ${message(error)}`));
    }
    io.stdout(
      `Wrote ${options.format} report to ${options.out}: ${summaryLine(verdicts, visit)}.\n`,
    );
  } else io.stdout(report);
  return (verdicts?.summary.failed ?? 0) > 0 || visitFailed(visit) ? 1 : 0;
}
