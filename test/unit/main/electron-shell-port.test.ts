import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { ElectronMock } from '../../helpers/electron-mock';

// `require('electron')` under plain Node tries to download a binary; the shell port is tested against this stand-in.
const electron = vi.hoisted(() => ({ current: null as ElectronMock | null }));
vi.mock('electron', async () => {
  const { createElectronMock } = await import('../../helpers/electron-mock');
  electron.current = createElectronMock();
  return electron.current;
});

const { electronShellPort, secretClipboardMs } = await import('../../../src/main/electron-shell-port');

function mock(): ElectronMock {
  if (!electron.current) throw new Error('electron mock not installed');
  return electron.current;
}

const request = {
  title: 'Rotate the access key?',
  message: 'Create a new key for dev and deactivate the old one.',
  detail: 'Steps: …',
  confirmLabel: 'Rotate the key',
};

describe('the Electron shell confirmation', () => {
  beforeEach(() => {
    mock().dialog.showMessageBox.mockReset();
  });

  it('shows a native question whose default and cancel button is Cancel, with the plan as its message', async () => {
    mock().dialog.showMessageBox.mockResolvedValue({ response: 1, checkboxChecked: false });
    const port = electronShellPort(() => null);
    expect(await port.confirm(request)).toBe(true);
    expect(mock().dialog.showMessageBox).toHaveBeenCalledWith(
      expect.objectContaining({
        type: 'question',
        title: request.title,
        message: request.message,
        detail: request.detail,
        buttons: ['Cancel', 'Rotate the key'],
        defaultId: 0,
        cancelId: 0,
      }),
    );
  });

  it('answers no when the person cancels or closes the dialog', async () => {
    mock().dialog.showMessageBox.mockResolvedValue({ response: 0, checkboxChecked: false });
    expect(await electronShellPort(() => null).confirm(request)).toBe(false);
  });

  it('attaches the dialog to the app window when there is one', async () => {
    mock().dialog.showMessageBox.mockResolvedValue({ response: 1, checkboxChecked: false });
    const Window = mock().BrowserWindow;
    const owner = new Window({});
    await electronShellPort(() => owner as never).confirm(request);
    expect(mock().dialog.showMessageBox.mock.calls[0]?.[0]).toBe(owner);
  });
});

describe('the Electron shell handing over a secret', () => {
  it('puts it on the clipboard from main, and clears it after a minute unless something else was copied since', async () => {
    vi.useFakeTimers();
    try {
      const port = electronShellPort(() => null);
      expect(port.secretsGoTo).toBe('clipboard');
      const clipboard = mock().clipboard;
      const before = Date.now();
      const { clearsAt } = await port.handOverSecret({ text: 'token-one', label: 'IAM auth token' });
      expect(await clipboard.readText()).toBe('token-one');
      expect(clearsAt!.getTime() - before).toBe(secretClipboardMs);
      await vi.advanceTimersByTimeAsync(secretClipboardMs - 1);
      expect(await clipboard.readText()).toBe('token-one');
      await vi.advanceTimersByTimeAsync(1);
      expect(await clipboard.readText()).toBe('');

      await port.handOverSecret({ text: 'token-two', label: 'IAM auth token' });
      await clipboard.writeText('something the person copied');
      await vi.advanceTimersByTimeAsync(secretClipboardMs);
      expect(await clipboard.readText()).toBe('something the person copied');
    } finally {
      vi.useRealTimers();
    }
  });
});
