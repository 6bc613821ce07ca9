import { spawn } from 'node:child_process';
import type { HostEnvironment } from '../core/host';

/** The commands tried for a URL: $BROWSER's entries (Python webbrowser's rules: `:`-separated, `%s` for the URL), else the platform's opener. */
export function browserCommands(host: Pick<HostEnvironment, 'env' | 'platform'>, url: string): string[][] | null {
  const configured = host.env.BROWSER?.trim();
  if (configured && configured.toLowerCase() === 'none') return null;
  if (configured) {
    return configured
      .split(host.platform === 'win32' ? ';' : ':')
      .filter(Boolean)
      .map((entry) => {
        const words = entry.trim().split(/\s+/);
        return words.some((word) => word.includes('%s')) ? words.map((word) => word.replace('%s', url)) : [...words, url];
      });
  }
  if (host.platform === 'darwin') return [['open', url]];
  if (host.platform === 'win32') return [['rundll32', 'url.dll,FileProtocolHandler', url]];
  return [['xdg-open', url]];
}

function launch(command: string[], env: NodeJS.ProcessEnv): Promise<boolean> {
  return new Promise((resolve) => {
    const child = spawn(command[0]!, command.slice(1), { stdio: 'ignore', detached: true, env });
    child.once('error', () => resolve(false));
    child.once('spawn', () => {
      child.unref();
      resolve(true);
    });
  });
}

/** Opens `url` in the person's browser; false when no opener is set up or none starts (the URL is printed either way). */
export async function openBrowser(host: Pick<HostEnvironment, 'env' | 'platform'>, url: string): Promise<boolean> {
  const commands = browserCommands(host, url);
  if (!commands) return false;
  for (const command of commands) {
    if (await launch(command, { ...host.env } as NodeJS.ProcessEnv)) return true;
  }
  return false;
}
