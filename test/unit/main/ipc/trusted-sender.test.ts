import { describe, expect, it } from 'vitest';
import { checkSender } from '../../../../src/main/ipc/trusted-sender';

const app = 'app://doctor/index.html';

describe('checkSender', () => {
  it('trusts the main frame of an app window on the app origin, whatever its hash', () => {
    expect(checkSender({ frameUrl: `${app}#region`, isMainFrame: true, isAppWindow: true }, app)).toEqual({ trusted: true });
    expect(checkSender({ frameUrl: 'app://doctor/', isMainFrame: true, isAppWindow: true }, app)).toEqual({ trusted: true });
  });

  it('never trusts a file: page, even when the renderer URL itself is one', () => {
    const file = 'file:///opt/doctor/out/renderer/index.html';
    expect(checkSender({ frameUrl: file, isMainFrame: true, isAppWindow: true }, file).trusted).toBe(false);
  });

  it.each([
    ['another page', { frameUrl: 'https://evil.example/', isMainFrame: true, isAppWindow: true }, "is not on the app's origin"],
    ['a local file', { frameUrl: 'file:///tmp/evil.html', isMainFrame: true, isAppWindow: true }, "is not on the app's origin"],
    ['another host on the app scheme', { frameUrl: 'app://evil/index.html', isMainFrame: true, isAppWindow: true }, "is not on the app's origin"],
    ['a sub-frame', { frameUrl: app, isMainFrame: false, isAppWindow: true }, 'sub-frame'],
    ['a destroyed frame', { frameUrl: null, isMainFrame: true, isAppWindow: true }, 'no longer exists'],
    ['a foreign webContents', { frameUrl: app, isMainFrame: true, isAppWindow: false }, 'app window'],
    ['garbage', { frameUrl: 'not a url', isMainFrame: true, isAppWindow: true }, 'cannot be parsed'],
  ])('refuses %s and says why', (_label, facts, reason) => {
    const verdict = checkSender(facts, app);
    expect(verdict.trusted).toBe(false);
    if (!verdict.trusted) expect(verdict.reason).toContain(reason);
  });

  it('trusts the dev server page in development', () => {
    expect(checkSender({ frameUrl: 'http://localhost:5173/', isMainFrame: true, isAppWindow: true }, 'http://localhost:5173')).toEqual({ trusted: true });
    expect(checkSender({ frameUrl: 'http://localhost:5174/', isMainFrame: true, isAppWindow: true }, 'http://localhost:5173').trusted).toBe(false);
  });
});
