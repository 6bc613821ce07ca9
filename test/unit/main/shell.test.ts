import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { ElectronMock } from '../../helpers/electron-mock';

// `require('electron')` under plain Node tries to download a binary; the shell is tested against this stand-in.
const electron = vi.hoisted(() => ({ current: null as ElectronMock | null }));
vi.mock('electron', async () => {
  const { createElectronMock } = await import('../../helpers/electron-mock');
  electron.current = createElectronMock();
  return electron.current;
});

const { createMainWindow, hardenSession, isAllowedExternalUrl, contentSecurityPolicy } = await import('../../../src/main/window');
const { registerContract } = await import('../../../src/main/ipc/register');
const { contractChannels, createDispatcher } = await import('../../../src/main/ipc/dispatcher');
const { sampleHandlers } = await import('../../helpers/fake-handlers');

function mock(): ElectronMock {
  if (!electron.current) throw new Error('electron mock not installed');
  return electron.current;
}

describe('the main window', () => {
  beforeEach(() => {
    mock().windows.length = 0;
  });

  it('is created with the secure web preferences', () => {
    createMainWindow();
    const preferences = mock().windows[0]!.options.webPreferences as Record<string, unknown>;
    expect(preferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
    });
    expect(String(preferences.preload)).toMatch(/preload[\\/]index\.cjs$/);
    expect(mock().windows[0]!.loaded).toBe('app://doctor/index.html');
  });

  it('has DevTools in development and none in a packaged build, CI or not', () => {
    vi.stubEnv('CI', '');
    createMainWindow();
    expect((mock().windows[0]!.options.webPreferences as Record<string, unknown>).devTools).toBe(true);
    mock().app.isPackaged = true;
    try {
      createMainWindow();
      expect((mock().windows[1]!.options.webPreferences as Record<string, unknown>).devTools).toBe(false);
    } finally {
      mock().app.isPackaged = false;
      vi.unstubAllEnvs();
    }
  });

  it('loads the dev server under npm run dev', () => {
    vi.stubEnv('ELECTRON_RENDERER_URL', 'http://localhost:5173');
    try {
      createMainWindow();
      expect(mock().windows[0]!.loaded).toBe('http://localhost:5173');
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it("refuses navigation off the app's origin", () => {
    createMainWindow();
    const contents = mock().windows[0]!.webContents;
    const navigate = contents.listeners.get('will-navigate')!;
    for (const url of ['https://evil.example/', 'file:///app/out/renderer/index.html', 'app://evil/index.html']) {
      const away = { preventDefault: vi.fn() };
      navigate(away, url);
      expect(away.preventDefault, url).toHaveBeenCalled();
    }
    const home = { preventDefault: vi.fn() };
    navigate(home, 'app://doctor/index.html#summary');
    expect(home.preventDefault).not.toHaveBeenCalled();
    const redirect = { preventDefault: vi.fn() };
    contents.listeners.get('will-redirect')!(redirect);
    expect(redirect.preventDefault).toHaveBeenCalled();
  });

  it('denies every window.open and sends only AWS links to the system browser', () => {
    createMainWindow();
    const open = mock().windows[0]!.webContents.windowOpenHandler!;
    expect(open({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
    expect(mock().shell.openExternal).not.toHaveBeenCalledWith('https://evil.example/');
    expect(open({ url: 'https://us-east-1.console.aws.amazon.com/memorydb/home' })).toEqual({ action: 'deny' });
    expect(mock().shell.openExternal).toHaveBeenCalledWith('https://us-east-1.console.aws.amazon.com/memorydb/home');
  });

  it('allows external links only to AWS consoles and docs over https', () => {
    expect(isAllowedExternalUrl('https://docs.aws.amazon.com/memorydb/')).toBe(true);
    expect(isAllowedExternalUrl('http://docs.aws.amazon.com/')).toBe(false);
    expect(isAllowedExternalUrl('https://console.aws.amazon.com.evil.example/')).toBe(false);
    expect(isAllowedExternalUrl('file:///etc/passwd')).toBe(false);
  });
});

describe('the session', () => {
  it('denies permission requests, sets the CSP and cancels remote requests', () => {
    hardenSession();
    const hooks = mock().sessionHooks;
    const answer = vi.fn();
    hooks.permissionRequest!(null, 'media', answer);
    expect(answer).toHaveBeenCalledWith(false);
    expect(hooks.permissionCheck!()).toBe(false);
    const headers = vi.fn();
    hooks.headersReceived!({ responseHeaders: {} }, headers);
    expect(headers).toHaveBeenCalledWith({ responseHeaders: { 'Content-Security-Policy': [contentSecurityPolicy] } });
    expect(contentSecurityPolicy).toContain("script-src 'self'");
    expect(contentSecurityPolicy).toContain("default-src 'none'");
    const verdict = (url: string) => {
      const answer = vi.fn();
      hooks.beforeRequest!({ url }, answer);
      return answer.mock.calls[0]![0];
    };
    expect(verdict('https://example.com/tracker.js')).toEqual({ cancel: true });
    expect(verdict('file:///app/out/renderer/index.html')).toEqual({ cancel: true });
    expect(verdict('app://evil/index.html')).toEqual({ cancel: true });
    expect(verdict('http://localhost:5173/src/main.tsx')).toEqual({ cancel: true });
    expect(verdict('app://doctor/index.html')).toEqual({ cancel: false });
    expect(verdict('app://doctor/assets/index.js')).toEqual({ cancel: false });
    vi.stubEnv('ELECTRON_RENDERER_URL', 'http://localhost:5173');
    try {
      expect(verdict('http://localhost:5173/src/main.tsx')).toEqual({ cancel: false });
      expect(verdict('http://localhost:5174/')).toEqual({ cancel: true });
    } finally {
      vi.unstubAllEnvs();
    }
  });
});

describe('IPC registration', () => {
  it('registers exactly the contract channels and checks the sender of each message', async () => {
    const window = createMainWindow();
    const { handlers } = sampleHandlers();
    const unregister = registerContract(createDispatcher(handlers), () => 'app://doctor/index.html');
    expect([...mock().handlers.keys()].sort()).toEqual(contractChannels().sort());

    const contents = (window as unknown as { webContents: { mainFrame: unknown } }).webContents;
    const handle = mock().handlers.get('app:get-info')!;
    const trusted = await handle({ sender: contents, senderFrame: contents.mainFrame }, {});
    expect(trusted).toMatchObject({ ok: true, value: { version: '0.1.0' } });

    const subFrame = { url: 'app://doctor/index.html' };
    expect(await handle({ sender: contents, senderFrame: subFrame }, {})).toMatchObject({ ok: false, error: { code: 'forbidden-sender' } });
    const stranger = { mainFrame: { url: 'https://evil.example/' }, isDestroyed: () => false, send: vi.fn() };
    expect(await handle({ sender: stranger, senderFrame: stranger.mainFrame }, {})).toMatchObject({ ok: false, error: { code: 'forbidden-sender' } });

    unregister();
    expect(mock().handlers.size).toBe(0);
  });
});

describe('app start-up', () => {
  it('takes the single-instance lock, registers the app scheme, hardens the session, registers the contract and opens one window', async () => {
    mock().windows.length = 0;
    mock().handlers.clear();
    const metadataSetting = process.env.AWS_EC2_METADATA_DISABLED;
    await import('../../../src/main/index');
    await vi.waitFor(() => expect(mock().windows).toHaveLength(1));
    expect(mock().app.requestSingleInstanceLock).toHaveBeenCalled();
    expect(mock().Menu.setApplicationMenu).toHaveBeenCalled();
    expect([...mock().handlers.keys()].sort()).toEqual(contractChannels().sort());
    // The instance metadata service is left as the user set it: on EC2 it is where the credentials are.
    expect(process.env.AWS_EC2_METADATA_DISABLED).toBe(metadataSetting);

    // The app scheme: declared standard and secure before the app is ready, served through the file handler.
    expect(mock().protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([{ scheme: 'app', privileges: { standard: true, secure: true } }]);
    const registeredAt = mock().protocol.registerSchemesAsPrivileged.mock.invocationCallOrder[0]!;
    expect(registeredAt).toBeLessThan(mock().app.whenReady.mock.invocationCallOrder[0]!);
    const serve = mock().protocolHandlers.get('app')!;
    const page = await serve(new Request('app://doctor/index.html'));
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-security-policy')).toBe(contentSecurityPolicy);
    expect(await page.text()).toContain('<div id="root">');
    const escape = await serve(new Request('app://doctor/%2e%2e/main/index.ts'));
    expect(escape.status).toBe(404);
    expect(escape.headers.get('content-security-policy')).toBe(contentSecurityPolicy);
  });
});

describe('the page itself', () => {
  it('carries the same policy in its meta tag as the shell sends in its header', async () => {
    const { readFile } = await import('node:fs/promises');
    const html = await readFile(new URL('../../../src/renderer/index.html', import.meta.url), 'utf8');
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1];
    const withoutFrameAncestors = contentSecurityPolicy
      .split('; ')
      .filter((directive: string) => !directive.startsWith('frame-ancestors'))
      .join('; ');
    expect(meta).toBe(withoutFrameAncestors);
  });
});
