/**
 * The DevTools page: it only adds the panel. Chromium resolves both paths against the extension
 * root, Firefox against this page (devtools/), unless they start with "/" (MDN,
 * devtools.panels.create): absolute paths mean the same file in both. The callback form works in
 * every supported Chromium (the Promise form only from Chrome 152) and in Firefox.
 */
chrome.devtools.panels.create('AEP Edge', '/icons/icon-32.png', '/devtools/panel.html', () => {});
