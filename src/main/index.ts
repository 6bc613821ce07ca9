import { app, BrowserWindow, Menu } from 'electron';
import { join } from 'node:path';
import { currentHost } from '../core/host';
import { registerAppScheme, serveAppScheme } from './app-protocol/scheme';
import { electronShellPort } from './electron-shell-port';
import { createDispatcher } from './ipc/dispatcher';
import { createHandlers } from './ipc/handlers';
import { JobRegistry } from './ipc/jobs';
import { registerContract } from './ipc/register';
import { buildMenu } from './menu';
import { createMainWindow, hardenSession, rendererUrl } from './window';

// The instance metadata service is left as the user set it: the diagnosis asks it with a
// short timeout (a desktop answers "not an EC2 host" in a second), and on EC2 it is the source.

let mainWindow: BrowserWindow | null = null;

async function start(): Promise<void> {
  serveAppScheme(join(__dirname, '../renderer'));
  hardenSession();
  Menu.setApplicationMenu(buildMenu(process.platform));
  const jobs = new JobRegistry();
  const host = await currentHost(join(app.getPath('userData'), 'data'));
  const handlers = createHandlers({
    host,
    identity: { name: app.getName(), version: app.getVersion() },
    jobs,
    shell: electronShellPort(() => mainWindow),
  });
  registerContract(createDispatcher(handlers), rendererUrl);
  app.on('before-quit', () => jobs.cancelAll());
  mainWindow = createMainWindow();
  mainWindow.on('closed', () => {
    mainWindow = null;
  });
}

// Only possible before the app is ready.
registerAppScheme();

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (mainWindow) {
      if (mainWindow.isMinimized()) mainWindow.restore();
      mainWindow.focus();
    }
  });
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-attach-webview', (event) => event.preventDefault());
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) mainWindow = createMainWindow();
  });
  void app.whenReady().then(start);
}
