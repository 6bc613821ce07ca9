import { describe, expect, it } from 'vitest';
import { browserCommand, openBrowser } from '../../../src/cli/ui/open-browser';

const url = 'http://127.0.0.1:7777/?token=abc_DEF-123';

describe('opening the default browser for mdb-doctor ui', () => {
  it('uses each platform’s opener, or the program BROWSER names', () => {
    expect(browserCommand(url, 'linux', undefined)).toEqual({ command: 'xdg-open', args: [url] });
    expect(browserCommand(url, 'darwin', undefined)).toEqual({ command: 'open', args: [url] });
    expect(browserCommand(url, 'win32', undefined)).toEqual({ command: 'cmd', args: ['/c', 'start', '""', url] });
    expect(browserCommand(url, 'linux', 'firefox')).toEqual({ command: 'firefox', args: [url] });
  });

  it('tolerates a browser that cannot be started, answering false instead of throwing', async () => {
    expect(await openBrowser(url, 'linux', '/nonexistent/browser-program')).toBe(false);
  });

  it('answers true once the opener has started, without waiting for it', async () => {
    expect(await openBrowser(url, 'linux', '/bin/true')).toBe(true);
  });
});
