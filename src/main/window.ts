import { app, BrowserWindow, session, shell, type WebContents } from 'electron';
import { join } from 'node:path';
import { appPageUrl, isAppUrl } from './app-protocol/app-files';
import { sameOrigin } from './ipc/trusted-sender';
import { contentSecurityPolicy } from '../shared/security/csp';
import { isAllowedExternalUrl } from '../shared/security/external-urls';

export { contentSecurityPolicy, isAllowedExternalUrl };

/** The secure options every app window is created with (Electron security checklist items 2–9). */
export function secureWebPreferences(preloadPath: string): Electron.WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    spellcheck: false,
    // A packaged build has no DevTools: a console on a page that can rotate keys is a tool for whoever sits at it.
    devTools: !app.isPackaged,
  };
}

/** Refuses navigation off the app's origin and every window.open (checklist items 13–14). */
export function lockDownContents(contents: WebContents, rendererUrl: string): void {
  contents.on('will-navigate', (event, url) => {
    if (!sameOrigin(url, rendererUrl)) event.preventDefault();
  });
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    if (isAllowedExternalUrl(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
}

/** Denies every permission request and check (camera, notifications, clipboard-read…) and sets the CSP header. */
export function hardenSession(): void {
  const ses = session.defaultSession;
  ses.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  ses.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [contentSecurityPolicy] } });
  });
  // No remote content and no local files: only the app scheme (and the dev server under `npm run dev`).
  ses.webRequest.onBeforeRequest((details, callback) => {
    const url = details.url;
    const devServer = process.env.ELECTRON_RENDERER_URL;
    const allowed = isAppUrl(url) || url.startsWith('devtools:') || url.startsWith('data:') || (devServer !== undefined && sameOrigin(url, devServer));
    callback({ cancel: !allowed });
  });
}

/** The URL the renderer is loaded from: the dev server under `electron-vite dev`, else the app scheme. */
export function rendererUrl(): string {
  return process.env.ELECTRON_RENDERER_URL || appPageUrl;
}

/** Creates the main window with the secure options and loads the renderer. */
export function createMainWindow(): BrowserWindow {
  const url = rendererUrl();
  const window = new BrowserWindow({
    width: 1200,
    height: 800,
    minWidth: 800,
    minHeight: 600,
    show: false,
    title: 'MemoryDB Credentials Doctor',
    autoHideMenuBar: false,
    webPreferences: secureWebPreferences(join(__dirname, '../preload/index.cjs')),
  });
  lockDownContents(window.webContents, url);
  window.once('ready-to-show', () => window.show());
  void window.loadURL(url);
  return window;
}
