/**
 * "Copy as" for the resend editor: the edited request as a cURL command and as a
 * `fetch(...)` call. Pure text generators. Secrets (Authorization, x-api-key…) never appear in
 * the output: they become environment variables in cURL and placeholders in fetch, because a
 * copied command ends up in shells, tickets and chats.
 */
import { isSecretHeader } from './redact';
import type { ResendRequest } from './resend-draft';

export interface Snippet {
  text: string;
  /** What the person must know to run it (variables to set, cookies that are not included). */
  notes: string[];
}

const SHELL_SAFE = /^[A-Za-z0-9_@%+=:,./-]+$/;

/**
 * POSIX shell quoting: safe words stay bare, anything else goes in single quotes, where only the
 * single quote itself needs care (`'` → `'\''`). Newlines inside the quotes are literal.
 */
export function shellQuote(value: string): string {
  if (SHELL_SAFE.test(value)) return value;
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/** `AEP_ACCESS_TOKEN` for Authorization, `AEP_API_KEY` for x-api-key, `AEP_<NAME>` otherwise. */
export function secretVariable(name: string): string {
  const lower = name.toLowerCase();
  if (lower === 'authorization') return 'AEP_ACCESS_TOKEN';
  if (lower === 'x-api-key') return 'AEP_API_KEY';
  return `AEP_${name.toUpperCase().replace(/[^A-Z0-9]+/g, '_')}`;
}

/** The scheme kept from a secret value (`Bearer `), so only the credential is a variable. */
function schemeOf(value: string): string {
  const match = /^(Bearer|Basic|Token) /i.exec(value.trim());
  return match ? `${match[1]} ` : '';
}

function defaultMethod(request: ResendRequest): string {
  return request.body !== undefined ? 'POST' : 'GET';
}

export function toCurl(request: ResendRequest): Snippet {
  const parts = [`curl ${shellQuote(request.url)}`];
  const notes: string[] = [];
  if (request.method !== defaultMethod(request)) parts.push(`-X ${shellQuote(request.method)}`);
  for (const header of request.headers) {
    if (isSecretHeader(header.name)) {
      const variable = secretVariable(header.name);
      // Double quotes so the shell expands the variable; the name and scheme are plain words.
      parts.push(`-H "${header.name}: ${schemeOf(header.value)}$${variable}"`);
      notes.push(`Set ${variable} to the ${header.name} value before running it.`);
    } else {
      parts.push(`-H ${shellQuote(`${header.name}: ${header.value}`)}`);
    }
  }
  if (request.body !== undefined) parts.push(`--data-raw ${shellQuote(request.body)}`);
  notes.push("The browser's cookies are not included.");
  return { text: parts.join(' \\\n  '), notes };
}

/** A JavaScript template literal of `text`, exact: `\`, backquote, `${` and CR are escaped. */
export function templateLiteral(text: string): string {
  const escaped = text
    .replace(/\\/g, '\\\\')
    .replace(/`/g, '\\`')
    .replace(/\$\{/g, '\\${')
    .replace(/\r/g, '\\r');
  return `\`${escaped}\``;
}

export function toFetch(request: ResendRequest): Snippet {
  const notes: string[] = [];
  const headerLines = request.headers.map((header) => {
    let value = JSON.stringify(header.value);
    if (isSecretHeader(header.name)) {
      value = JSON.stringify(`${schemeOf(header.value)}<${secretVariable(header.name)}>`);
      notes.push(`Replace <${secretVariable(header.name)}> with the ${header.name} value.`);
    }
    return `    ${JSON.stringify(header.name)}: ${value},`;
  });
  const lines = [
    `await fetch(${JSON.stringify(request.url)}, {`,
    `  method: ${JSON.stringify(request.method)},`,
    `  credentials: ${JSON.stringify(request.credentials)},`,
  ];
  if (headerLines.length) lines.push('  headers: {', ...headerLines, '  },');
  if (request.body !== undefined) lines.push(`  body: ${templateLiteral(request.body)},`);
  lines.push('});');
  return { text: lines.join('\n'), notes };
}
