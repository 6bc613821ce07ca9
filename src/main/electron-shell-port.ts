import { clipboard, dialog, shell, type BrowserWindow } from 'electron';
import { writeFile } from 'node:fs/promises';
import type { ShellPort } from './ipc/shell-port';
import { isAllowedExternalUrl } from './window';

/** How long a secret stays on the clipboard before the app clears it (if it is still there). */
export const secretClipboardMs = 60_000;

/** Button order of the confirmation dialog: cancel first, so Escape and closing both decline. */
const cancelButton = 0;
const confirmButton = 1;

/** The ShellPort backed by Electron's dialogs, clipboard and the system browser. */
export function electronShellPort(window: () => BrowserWindow | null): ShellPort {
  return {
    async saveTextFile({ suggestedName, content, filters }) {
      const owner = window();
      const options = { defaultPath: suggestedName, filters };
      const choice = owner ? await dialog.showSaveDialog(owner, options) : await dialog.showSaveDialog(options);
      if (choice.canceled || !choice.filePath) return null;
      await writeFile(choice.filePath, content, { encoding: 'utf8', mode: 0o600 });
      return choice.filePath;
    },
    async openExternal(url) {
      if (!isAllowedExternalUrl(url)) throw new Error(`Only AWS console and documentation links open from the app, not ${url}.`);
      await shell.openExternal(url);
    },
    async openSignInPage(url) {
      const parsed = new URL(url);
      const loopback = parsed.hostname === '127.0.0.1' || parsed.hostname === 'localhost';
      if (parsed.protocol !== 'https:' && !(parsed.protocol === 'http:' && loopback)) throw new Error(`Not a sign-in page: ${url}`);
      await shell.openExternal(url);
    },
    async copyText(text) {
      await clipboard.writeText(text);
    },
    secretsGoTo: 'clipboard',
    async handOverSecret({ text }) {
      // Main writes the clipboard itself: no page, and so no user gesture that could expire while the dialog was open.
      await clipboard.writeText(text);
      const timer = setTimeout(() => {
        // Only what the app put there is cleared: something the person copied since stays.
        void clipboard.readText().then((now) => {
          if (now === text) clipboard.clear();
        });
      }, secretClipboardMs);
      timer.unref();
      return { clearsAt: new Date(Date.now() + secretClipboardMs) };
    },
    async confirm({ title, message, detail, confirmLabel }) {
      const owner = window();
      const options: Electron.MessageBoxOptions = {
        type: 'question',
        title,
        message,
        ...(detail !== undefined ? { detail } : {}),
        buttons: ['Cancel', confirmLabel],
        defaultId: cancelButton,
        cancelId: cancelButton,
        noLink: true,
      };
      const choice = owner ? await dialog.showMessageBox(owner, options) : await dialog.showMessageBox(options);
      return choice.response === confirmButton;
    },
  };
}
