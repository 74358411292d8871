#!/usr/bin/env node
/**
 * Rebuilds src/validate/fixtures/web-event.xed-full.json: one XDM ExperienceEvent schema with the
 * field groups the Web SDK fills, resolved from Adobe's public XDM repository
 * (https://github.com/adobe/xdm, CC BY 4.0; see NOTICE) into the shape the Schema Registry
 * exports as `application/vnd.adobe.xed-full+json`: a single nested `properties` tree, no `$ref`,
 * no `allOf`, every field with its `meta:xdmType`.
 *
 * Run from the repository root: `node scripts/resolve-xdm.mjs <adobe/xdm checkout or git dir>
 * [output.json]`; the output is then formatted with the repository's prettier, when installed.
 * Reads a git dir with `git cat-file --batch` (HEAD), a checkout from the file system. Downloads
 * nothing. Field names follow the registry's rules (those of adobe/xdm's own
 * bin/xed-validation/xedConverter.js): `xdm:name` → `name`, `@id` → `_id`, another namespace
 * `dc:language` → `_dc.language` (nested); integer widths as its tempConverter.js derives them.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

const CLASS_ID = 'https://ns.adobe.com/xdm/context/experienceevent';
const FIELD_GROUPS = [
  'https://ns.adobe.com/xdm/context/experienceevent-web',
  'https://ns.adobe.com/xdm/context/experienceevent-environment-details',
  'https://ns.adobe.com/xdm/context/experienceevent-implementation-details',
  'https://ns.adobe.com/xdm/context/experienceevent-commerce',
];
/** The JSON-LD context every XDM file mixes in: no fields, dropped as the registry does. */
const CONTEXT_REF = 'https://ns.adobe.com/xdm/common/extensible#/definitions/@context';
const ROOTS = ['components', 'extensions', 'schemas'];
/** Keywords a field keeps, in this order; the rest (meta:titleId, examples, …) is dropped. */
const KEEP = [
  'title',
  'description',
  'type',
  'meta:xdmType',
  'format',
  'enum',
  'meta:enum',
  'const',
  'pattern',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'minLength',
  'maxLength',
  'minItems',
  'maxItems',
];
const RENAMES = [
  ['https://', ''],
  ['http://', ''],
  ['ns.adobe.com/xdm/data/metrics/', ''],
  ['ns.adobe.com/xdm/', ''],
  ['ns.adobe.com/', ''],
  ['xdm:', ''],
  ['@id', '_id'],
  ['@type', '_type'],
  ['/', '.'],
  [':', '.'],
];

const [source, output = 'src/validate/fixtures/web-event.xed-full.json'] = process.argv.slice(2);
if (!source) {
  console.error('usage: node scripts/resolve-xdm.mjs <adobe/xdm checkout or git dir> [out.json]');
  process.exit(2);
}

/** path → text of every *.schema.json under ROOTS, and the commit they are read at. */
function readSources(dir) {
  const files = new Map();
  if (existsSync(join(dir, 'components'))) {
    const walk = (folder) => {
      for (const name of readdirSync(folder)) {
        const full = join(folder, name);
        if (statSync(full).isDirectory()) walk(full);
        else if (name.endsWith('.schema.json'))
          files.set(relative(dir, full), readFileSync(full, 'utf8'));
      }
    };
    for (const root of ROOTS) if (existsSync(join(dir, root))) walk(join(dir, root));
    let commit = 'unknown';
    try {
      const git = (...args) =>
        execFileSync('git', ['-C', dir, ...args], { encoding: 'utf8', stdio: 'pipe' }).trim();
      if (resolve(git('rev-parse', '--show-toplevel')) === dir) commit = git('rev-parse', 'HEAD');
    } catch {
      // Not a git checkout: the commit stays unknown.
    }
    return { files, commit };
  }
  const git = (args, input) =>
    execFileSync('git', ['--git-dir', dir, ...args], { input, maxBuffer: 1 << 30 });
  const commit = git(['rev-parse', 'HEAD']).toString().trim();
  const paths = git(['ls-tree', '-r', '--name-only', commit, ...ROOTS])
    .toString()
    .split('\n')
    .filter((p) => p.endsWith('.schema.json'));
  const batch = git(['cat-file', '--batch'], paths.map((p) => `${commit}:${p}`).join('\n') + '\n');
  let at = 0;
  for (const path of paths) {
    const headerEnd = batch.indexOf(10, at);
    const size = Number(batch.subarray(at, headerEnd).toString().split(' ')[2]);
    files.set(path, batch.subarray(headerEnd + 1, headerEnd + 1 + size).toString('utf8'));
    at = headerEnd + 1 + size + 1;
  }
  return { files, commit };
}

const { files, commit } = readSources(resolve(source));
/** $id → parsed schema document. */
const byId = new Map();
for (const [path, text] of files) {
  try {
    const doc = JSON.parse(text);
    if (typeof doc.$id === 'string' && !byId.has(doc.$id)) byId.set(doc.$id, doc);
  } catch {
    console.warn(`skipped ${path}: not JSON`);
  }
}

/** `xdm:webPageDetails` → ['webPageDetails']; `dc:language` → ['_dc', 'language']. */
function xedPath(name) {
  let n = /[:/@]/.test(name) ? name : `unqualified.${name}`;
  for (const [from, to] of RENAMES) n = n.split(from).join(to);
  const tokens = n.split('.');
  if (tokens.length > 1) tokens[0] = `_${tokens[0]}`;
  return tokens;
}

function lookup(ref, doc) {
  const [id, fragment = ''] = ref.split('#');
  const target = id ? byId.get(id) : doc;
  if (!target) throw new Error(`unresolved $ref ${ref}`);
  let node = target;
  for (const part of fragment.split('/').filter(Boolean)) {
    node = node?.[part];
    if (node === undefined) throw new Error(`unresolved $ref ${ref}`);
  }
  return { node, doc: target, key: `${target.$id}#${fragment}` };
}

/** Deep-merges `from` into `into`: properties field by field, required as a union. */
function merge(into, from) {
  for (const [key, value] of Object.entries(from)) {
    if (key === 'properties') {
      into.properties ??= {};
      for (const [name, field] of Object.entries(value)) {
        into.properties[name] = into.properties[name] ? merge(into.properties[name], field) : field;
      }
    } else if (key === 'required') {
      into.required = [...new Set([...(into.required ?? []), ...value])];
    } else if (!(key in into)) into[key] = value;
  }
  return into;
}

/** The registry's integer widths and date types (adobe/xdm bin/xed-validation/tempConverter.js). */
function xdmType(node) {
  if (node['meta:xdmType']) return node['meta:xdmType'];
  const { type, minimum: min, maximum: max, format } = node;
  if (type === 'integer') {
    if (max > 2147483647 || min < -2147483648) return 'long';
    if (min >= -128 && max <= 127) return 'byte';
    if (min >= -32768 && max <= 32767) return 'short';
    return 'int';
  }
  if (type === 'string' && (format === 'date' || format === 'date-time')) return format;
  return typeof type === 'string' ? type : undefined;
}

/** One resolved, renamed field (or object) from a source node; `stack` guards against cycles. */
function resolveNode(node, doc, stack) {
  let out = {};
  if (typeof node.$ref === 'string') {
    if (node.$ref === CONTEXT_REF) return {};
    const target = lookup(node.$ref, doc);
    if (stack.includes(target.key)) throw new Error(`cyclic $ref ${stack.join(' → ')}`);
    // The referring field's own title and description win over the data type's.
    const { $ref: _ref, ...siblings } = node;
    out = resolveNode(siblings, doc, stack);
    merge(out, resolveNode(target.node, target.doc, [...stack, target.key]));
  }
  for (const key of KEEP) if (key in node && !(key in out)) out[key] = node[key];
  if (node.properties) {
    const properties = {};
    const required = [];
    for (const [name, field] of Object.entries(node.properties)) {
      const path = xedPath(name);
      let value = resolveNode(field, doc, stack);
      if (node.required?.includes(name)) required.push(path[0]);
      for (let i = path.length - 1; i > 0; i--) {
        value = { type: 'object', 'meta:xdmType': 'object', properties: { [path[i]]: value } };
        if (i === path.length - 1 && node.required?.includes(name)) value.required = [path[i]];
      }
      merge(properties, { properties: { [path[0]]: value } });
    }
    merge(out, { properties: properties.properties ?? {} });
    if (required.length > 0) merge(out, { required });
  } else if (Array.isArray(node.required) && !node.allOf) {
    merge(out, { required: node.required.map((name) => xedPath(name)[0]) });
  }
  for (const part of node.allOf ?? []) merge(out, resolveNode(part, doc, stack));
  if (node.allOf && Array.isArray(node.required)) {
    merge(out, { required: node.required.map((name) => xedPath(name)[0]) });
  }
  if (node.items) out.items = resolveNode(node.items, doc, stack);
  if (node.additionalProperties && typeof node.additionalProperties === 'object') {
    out.additionalProperties = resolveNode(node.additionalProperties, doc, stack);
  }
  if (node.anyOf && !out.type) out.type = 'string'; // as the registry's converter does
  if (out.properties && !out.type) out.type = 'object';
  const type = xdmType({ ...node, ...out });
  if (type) out['meta:xdmType'] = type;
  return order(out);
}

/** Keys in a stable, readable order: KEEP's, then items, additionalProperties, properties, required. */
function order(node) {
  const out = {};
  for (const key of [...KEEP, 'items', 'additionalProperties', 'properties', 'required']) {
    if (key in node) out[key] = node[key];
  }
  if (out.required) out.required = out.required.filter((name) => out.properties?.[name]);
  if (out.required?.length === 0) delete out.required;
  return out;
}

function countFields(node) {
  let count = 0;
  for (const field of Object.values(node.properties ?? {})) count += 1 + countFields(field);
  if (node.items) count += countFields(node.items);
  if (node.additionalProperties) count += countFields(node.additionalProperties);
  return count;
}

const ids = [CLASS_ID, ...FIELD_GROUPS];
const resolved = {};
for (const id of ids) {
  const { node, doc, key } = lookup(id, undefined);
  merge(resolved, resolveNode(node, doc, [key]));
}
const fields = countFields(resolved);

const schema = {
  $id: 'https://ns.adobe.com/aep-edge-inspector/schemas/web-sdk-experienceevent',
  'meta:altId': '_aep-edge-inspector.schemas.web-sdk-experienceevent',
  'meta:resourceType': 'schemas',
  version: '1.0',
  title: 'Web SDK ExperienceEvent',
  type: 'object',
  description:
    `XDM ExperienceEvent with the Web Details, Environment Details, Implementation Details and ` +
    `Commerce Details field groups, resolved into one xed-full schema by scripts/resolve-xdm.mjs ` +
    `from https://github.com/adobe/xdm at commit ${commit} (CC BY 4.0; see NOTICE).`,
  'meta:source': {
    repository: 'https://github.com/adobe/xdm',
    commit,
    license: 'CC-BY-4.0',
    changes:
      'Class and field groups resolved into one schema: $ref and allOf inlined, names as the registry exports them.',
  },
  'meta:class': CLASS_ID,
  'meta:extends': ids,
  'meta:xdmType': 'object',
  properties: resolved.properties,
  ...(resolved.required ? { required: resolved.required } : {}),
};

writeFileSync(output, JSON.stringify(schema, null, 2) + '\n');
// The repository's formatter, when installed, so that `prettier --check .` holds.
const prettier = resolve('node_modules/.bin/prettier');
if (existsSync(prettier)) execFileSync(prettier, ['--write', output], { stdio: 'ignore' });
console.log(`${output}: ${fields} fields from adobe/xdm ${commit}`);
