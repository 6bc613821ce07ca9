import { vi } from 'vitest';

/** A recorded listener on a fake webContents. */
type Listener = (...args: unknown[]) => unknown;

/** A fake webContents that records the listeners the shell installs. */
export class FakeWebContents {
  listeners = new Map<string, Listener>();
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;
  mainFrame = { url: 'app://doctor/index.html' };
  sent: Array<[string, unknown]> = [];
  on(name: string, listener: Listener) {
    this.listeners.set(name, listener);
    return this;
  }
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }) {
    this.windowOpenHandler = handler;
  }
  isDestroyed() {
    return false;
  }
  send(channel: string, payload: unknown) {
    this.sent.push([channel, payload]);
  }
}

/** Everything the Electron shell touches, as spies; `vi.mock('electron', () => electronMock())`. */
export function createElectronMock() {
  const windows: FakeBrowserWindow[] = [];
  const handlers = new Map<string, (event: unknown, payload: unknown) => Promise<unknown>>();
  class FakeBrowserWindow {
    webContents = new FakeWebContents();
    loaded: string | null = null;
    constructor(readonly options: Record<string, unknown>) {
      windows.push(this);
    }
    once() {
      return this;
    }
    on() {
      return this;
    }
    loadURL(url: string) {
      this.loaded = url;
      return Promise.resolve();
    }
    show() {}
    static fromWebContents(contents: unknown) {
      return windows.find((window) => window.webContents === contents) ?? null;
    }
    static getAllWindows() {
      return windows;
    }
  }
  const sessionHooks: Record<string, Listener> = {};
  const protocolHandlers = new Map<string, (request: Request) => Promise<Response>>();
  const mock = {
    windows,
    handlers,
    sessionHooks,
    BrowserWindow: FakeBrowserWindow,
    ipcMain: {
      handle: vi.fn((channel: string, handler: (event: unknown, payload: unknown) => Promise<unknown>) => handlers.set(channel, handler)),
      removeHandler: vi.fn((channel: string) => handlers.delete(channel)),
    },
    session: {
      defaultSession: {
        setPermissionRequestHandler: vi.fn((handler: Listener) => (sessionHooks.permissionRequest = handler)),
        setPermissionCheckHandler: vi.fn((handler: Listener) => (sessionHooks.permissionCheck = handler)),
        webRequest: {
          onHeadersReceived: vi.fn((handler: Listener) => (sessionHooks.headersReceived = handler)),
          onBeforeRequest: vi.fn((handler: Listener) => (sessionHooks.beforeRequest = handler)),
        },
      },
    },
    shell: { openExternal: vi.fn(async () => undefined) },
    protocol: {
      registerSchemesAsPrivileged: vi.fn(),
      handle: vi.fn((scheme: string, handler: (request: Request) => Promise<Response>) => protocolHandlers.set(scheme, handler)),
    },
    protocolHandlers,
    dialog: {
      showSaveDialog: vi.fn(async () => ({ canceled: true })),
      showMessageBox: vi.fn(async (..._args: unknown[]) => ({ response: 0, checkboxChecked: false })),
    },
    Menu: { buildFromTemplate: vi.fn((template: unknown) => ({ template })), setApplicationMenu: vi.fn() },
    app: {
      isPackaged: false,
      requestSingleInstanceLock: vi.fn(() => true),
      on: vi.fn(),
      quit: vi.fn(),
      whenReady: vi.fn(() => Promise.resolve()),
      getPath: vi.fn(() => '/tmp/mdb-doctor-test-user-data'),
      getName: vi.fn(() => 'MemoryDB Credentials Doctor'),
      getVersion: vi.fn(() => '0.1.0'),
    },
    contextBridge: { exposeInMainWorld: vi.fn() },
    clipboard: fakeClipboard(),
    ipcRenderer: { invoke: vi.fn(), on: vi.fn(), removeListener: vi.fn() },
  };
  return mock;
}

/** Electron's main-process clipboard (asynchronous since Electron 45), holding one text. */
function fakeClipboard() {
  let text = '';
  return {
    writeText: vi.fn(async (value: string) => {
      text = value;
    }),
    readText: vi.fn(async () => text),
    clear: vi.fn(() => {
      text = '';
    }),
  };
}

export type ElectronMock = ReturnType<typeof createElectronMock>;
