/**
 * The viewer page: the DevTools panel, and the same page opened as a tab
 * (`devtools/panel.html?tabId=N` for one tab, no parameter for all tabs).
 *
 * This first script only reads the store's newest calls, connects to the worker, applies the
 * theme and loads the viewer (panel-view.tsx): the rows and the worker's snapshot come while the
 * viewer's code loads, and what arrives first waits for it (early-transport.ts). Connecting after all of that code had loaded put the
 * worker's first answer 70–130 ms after it (BENCHMARKS.md, the viewer over 10,000 calls).
 */
import '../src/ui/theme.css';
import '../src/ui/viewer.css';
import { connectEarly } from '../src/ui/early-transport';
import { createPortTransport } from '../src/ui/port-transport';
import { resolveScope } from '../src/ui/scope';
import { previewSnapshot, readStorePreview } from '../src/ui/store-preview';
import { applyTheme } from '../src/ui/theme';

// Only pages inside DevTools get `chrome.devtools`; in a normal tab it is undefined.
const devtools = typeof chrome === 'undefined' ? undefined : chrome.devtools;
const scope = resolveScope(location.search, devtools?.inspectedWindow.tabId);

// The store's newest calls, read by this page while the worker starts (store-preview.ts).
const local = readStorePreview(scope).then(previewSnapshot);
// The first live view's transport also carries DevTools entries; it lives as long as the page.
const transport = connectEarly(createPortTransport(scope), local);

applyTheme(devtools ? devtools.panels.themeName : undefined);
// Follow DevTools when its theme changes while the panel is open: Chromium calls the handler
// given to `setThemeChangeHandler`, Firefox fires `onThemeChanged`.
const panels = devtools?.panels as
  | {
      setThemeChangeHandler?: (handler: (theme: string) => void) => void;
      onThemeChanged?: { addListener(l: (theme: string) => void): void };
    }
  | undefined;
if (panels?.setThemeChangeHandler) panels.setThemeChangeHandler((theme) => applyTheme(theme));
else panels?.onThemeChanged?.addListener((theme) => applyTheme(theme));

void import('./panel-view').then(({ startPanel }) => startPanel(scope, transport, devtools));
