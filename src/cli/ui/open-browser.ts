import { spawn } from 'node:child_process';

/** How a URL is handed to the default browser on each platform. */
export function browserCommand(url: string, platform: NodeJS.Platform, browserVariable: string | undefined): { command: string; args: string[] } {
  if (browserVariable) return { command: browserVariable, args: [url] };
  if (platform === 'darwin') return { command: 'open', args: [url] };
  // `start` treats its first quoted argument as a window title, hence the empty one.
  if (platform === 'win32') return { command: 'cmd', args: ['/c', 'start', '""', url] };
  return { command: 'xdg-open', args: [url] };
}

/**
 * Opens `url` in the user's browser, detached so it outlives nothing and blocks nothing;
 * resolves false when no browser could be started (the printed URL is then the way in).
 * BROWSER=name uses that program, as many tools do; BROWSER=none is handled by the caller.
 */
export function openBrowser(url: string, platform: NodeJS.Platform, browserVariable: string | undefined): Promise<boolean> {
  const { command, args } = browserCommand(url, platform, browserVariable);
  return new Promise((resolve) => {
    try {
      const child = spawn(command, args, { detached: true, stdio: 'ignore', windowsHide: true });
      child.once('error', () => resolve(false));
      child.once('spawn', () => {
        child.unref();
        resolve(true);
      });
    } catch {
      resolve(false);
    }
  });
}
