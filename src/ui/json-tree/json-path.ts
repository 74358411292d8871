/**
 * Dotted paths for JSON tree nodes: `events[0].xdm.web.webPageDetails.name`. A key that is not
 * an identifier is bracketed and quoted (`["a.b"]`, `["0"]`), so every path names exactly one
 * node and doubles as the node's id in the tree (the root's id is the empty string).
 */

/** An object key or an array index. */
export type PathKey = string | number;

export const ROOT_ID = '';

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** `.name`, `[3]` or `["odd key"]`. */
export function pathSegment(key: PathKey): string {
  if (typeof key === 'number') return `[${key}]`;
  return IDENTIFIER.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`;
}

/** The id of a child: its parent's id plus the child's segment. */
export function childId(parentId: string, key: PathKey): string {
  return parentId + pathSegment(key);
}

/**
 * The path a person copies: the tree's own place in the body (`rootPath`, e.g. `events[0].xdm`)
 * followed by the node's id, without a leading dot.
 */
export function displayPath(rootPath: string, id: string): string {
  const path = rootPath + id;
  return path.startsWith('.') ? path.slice(1) : path;
}
