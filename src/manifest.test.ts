/**
 * The manifest asks for exactly the permissions SECURITY.md justifies, in both builds, with a
 * strict CSP. Adding a permission without writing down why fails here.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const manifest = JSON.parse(
  readFileSync(new URL('../manifest.json', import.meta.url), 'utf8'),
) as Record<string, unknown>;
const security = readFileSync(new URL('../SECURITY.md', import.meta.url), 'utf8');

/** Permissions of one build: plain keys plus that browser's `{{browser}}.` keys. */
function permissions(browser: 'chrome' | 'firefox'): string[] {
  const own = (key: string) =>
    (manifest[`{{${browser}}}.${key}`] ?? manifest[key] ?? []) as string[];
  return [...own('permissions'), ...own('optional_permissions')];
}

/** `| \`name\` | browsers | reason |` rows of the permissions table. */
function documented(): Map<string, string> {
  const rows = new Map<string, string>();
  for (const match of security.matchAll(/^\| (?:host )?`([^`]+)`\s*\| ([^|]+) \| ([^|]+) \|$/gm)) {
    rows.set(match[1]!, `${match[2]!.trim()} | ${match[3]!.trim()}`);
  }
  return rows;
}

describe('manifest and SECURITY.md', () => {
  it.each(['chrome', 'firefox'] as const)('every %s permission has a written reason', (browser) => {
    const rows = documented();
    const asked = [...permissions(browser), ...((manifest.host_permissions as string[]) ?? [])];
    expect(asked.length).toBeGreaterThan(0);
    for (const permission of asked) {
      const row = rows.get(permission);
      expect(row, `${permission} is not in SECURITY.md`).toBeDefined();
      expect(row!.toLowerCase(), `${permission} row does not name ${browser}`).toContain(
        browser === 'chrome' ? 'chromium' : 'firefox',
      );
      expect(row!.length, `${permission} has no real reason`).toBeGreaterThan(40);
    }
  });

  it('asks for nothing SECURITY.md does not list, and never for debugger, tabs or cookies', () => {
    const rows = documented();
    const all = new Set([...permissions('chrome'), ...permissions('firefox')]);
    for (const permission of all) expect(rows.has(permission)).toBe(true);
    for (const never of ['debugger', 'tabs', 'cookies', 'history', '<all_urls>']) {
      expect(all.has(never), never).toBe(false);
    }
  });

  it('has one side panel page for both browsers, and asks for sidePanel in Chromium only', () => {
    const chromePanel = manifest['{{chrome}}.side_panel'] as { default_path?: string } | undefined;
    const firefoxPanel = manifest['{{firefox}}.sidebar_action'] as
      { default_panel?: string; open_at_install?: boolean } | undefined;
    expect(chromePanel?.default_path).toBe('sidepanel/index.html');
    expect(firefoxPanel?.default_panel).toBe(chromePanel?.default_path);
    // Opened by the user from the popup, never by itself at install.
    expect(firefoxPanel?.open_at_install).toBe(false);
    expect(permissions('chrome')).toContain('sidePanel');
    expect(permissions('firefox')).not.toContain('sidePanel');
    // sidePanel.open, which the popup calls, came in Chrome 116.
    expect(Number(manifest['{{chrome}}.minimum_chrome_version'])).toBeGreaterThanOrEqual(116);
  });

  it('redirects (the datastream override) with host-bound session rules, in Chromium only', () => {
    // The WithHostAccess variant acts only where the host permissions already reach; the plain
    // one would let rules act on any site regardless, and Feedback would read matched requests.
    expect(permissions('chrome')).toContain('declarativeNetRequestWithHostAccess');
    for (const browser of ['chrome', 'firefox'] as const) {
      expect(permissions(browser)).not.toContain('declarativeNetRequest');
      expect(permissions(browser)).not.toContain('declarativeNetRequestFeedback');
    }
    expect(permissions('firefox')).not.toContain('declarativeNetRequestWithHostAccess');
    expect(manifest.declarative_net_request).toBeUndefined();
  });

  it('has a strict extension CSP: self only, no eval, no remote code', () => {
    const csp = (manifest.content_security_policy as { extension_pages: string }).extension_pages;
    expect(csp).toMatch(/script-src 'self'(;|$)/);
    expect(csp).toContain("object-src 'none'");
    expect(csp).not.toMatch(/unsafe-eval|unsafe-inline|https?:|wasm-unsafe-eval/);
    expect(manifest.externally_connectable).toBeUndefined();
    expect(manifest.web_accessible_resources).toBeUndefined();
  });
});
