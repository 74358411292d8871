/**
 * Checks an event's `xdm` against an XDM schema, with no `eval` and no `new Function` (the
 * extension's Content Security Policy forbids both): the schema is compiled once into plain data
 * (xdm-compile.ts) and each event is walked along it (xdm-walk.ts).
 *
 * The schema is the Schema Registry's resolved export (`Accept:
 * application/vnd.adobe.xed-full+json; version=1`: one nested `properties` tree, each field with
 * its `meta:xdmType`), or a plain JSON Schema (draft-06 to 2020-12). A plain schema that uses
 * `$ref`, `anyOf` and the like is validated by @cfworker/json-schema, which interprets too
 * (xdm-json-schema.ts). Nothing here throws.
 */
import { isRecord } from '../edge/read';
import type { Finding } from './types';
import { compileSchema, type XdmNode } from './xdm-compile';
import { checkFull, loadFull, type FullSchema } from './xdm-json-schema';
import { walkXdm } from './xdm-walk';

export interface XdmSchema {
  /** `xed`: the registry's resolved export; `json-schema`: a plain JSON Schema. */
  kind: 'xed' | 'json-schema';
  /** The schema's title, when it has one. */
  title?: string;
  /** The compiled tree (every xed schema, and plain schemas within what the compiler reads). */
  root?: XdmNode;
  /** A plain schema with `$ref`, `anyOf`, …: validated by @cfworker/json-schema instead. */
  full?: FullSchema;
}

export type LoadResult = { ok: true; schema: XdmSchema } | { ok: false; problems: string[] };

const MAX_PROBLEMS = 20;

function refused(problems: string[]): LoadResult {
  const shown = problems.slice(0, MAX_PROBLEMS);
  if (problems.length > MAX_PROBLEMS) shown.push(`… and ${problems.length - MAX_PROBLEMS} more.`);
  return { ok: false, problems: shown };
}

/** Accepts an xed-full schema or a plain JSON Schema (draft-06 to 2020-12). */
export function loadXdmSchema(schema: unknown): LoadResult {
  try {
    if (!isRecord(schema)) return refused(['The schema is not a JSON object.']);
    const compiled = compileSchema(schema);
    if (compiled.problems.length > 0) return refused(compiled.problems);
    const title = typeof schema.title === 'string' ? { title: schema.title } : {};
    if (compiled.xed) {
      if (compiled.unsupported.length > 0) {
        return refused(
          compiled.unsupported.map(
            (at) =>
              `${at}: not resolved. Export the schema with Accept: ` +
              'application/vnd.adobe.xed-full+json; version=1 (one tree, no $ref or allOf).',
          ),
        );
      }
      return { ok: true, schema: { kind: 'xed', ...title, root: compiled.root } };
    }
    if (compiled.unsupported.length === 0) {
      return { ok: true, schema: { kind: 'json-schema', ...title, root: compiled.root } };
    }
    const full = loadFull(schema);
    if ('problems' in full) return refused(full.problems);
    return { ok: true, schema: { kind: 'json-schema', ...title, full } };
  } catch (error) {
    // A schema nested past the stack's depth, or another surprise: refused, never thrown.
    return refused([`The schema could not be read: ${String(error)}`]);
  }
}

/** Findings for one event's xdm; paths start with `xdm.`; rule is always 'schema'. */
export function checkXdm(schema: XdmSchema, xdm: unknown): Finding[] {
  try {
    if (schema.full) return checkFull(schema.full, xdm);
    if (schema.root) return walkXdm(schema.root, schema.kind === 'xed', xdm);
    return [];
  } catch (error) {
    return [
      {
        rule: 'schema',
        status: 'fail',
        path: 'xdm',
        message: `The schema check stopped: ${String(error)}`,
      },
    ];
  }
}
