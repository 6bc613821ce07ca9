import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { appPageUrl, resolveAppRequest } from '../../../../src/main/app-protocol/app-files';
import { contentSecurityPolicy } from '../../../../src/shared/security/csp';

let renderer: string;

beforeAll(() => {
  // <tmp>/secret.txt sits next to the renderer folder: the file every escape tries to reach.
  const parent = mkdtempSync(join(tmpdir(), 'mdb-app-files-'));
  writeFileSync(join(parent, 'secret.txt'), 'aws_secret_access_key = wJalrXUtnFEMI');
  renderer = join(parent, 'renderer');
  mkdirSync(join(renderer, 'assets'), { recursive: true });
  writeFileSync(join(renderer, 'index.html'), '<!doctype html><div id="root"></div>');
  writeFileSync(join(renderer, 'assets', 'index-abc.js'), 'console.log(1)');
  writeFileSync(join(renderer, 'assets', 'index-abc.css'), 'body{}');
  writeFileSync(join(renderer, 'assets', 'logo.svg'), '<svg/>');
  writeFileSync(join(renderer, 'assets', 'inter.woff2'), 'font');
  writeFileSync(join(renderer, 'assets', 'data.bin'), 'bytes');
  symlinkSync(join(parent, 'secret.txt'), join(renderer, 'assets', 'out.txt'));
  symlinkSync(parent, join(renderer, 'up'));
  symlinkSync(join(renderer, 'assets', 'logo.svg'), join(renderer, 'logo-link.svg'));
});

describe('the app scheme handler', () => {
  it.each([
    ['index.html', 'text/html; charset=utf-8'],
    ['assets/index-abc.js', 'text/javascript; charset=utf-8'],
    ['assets/index-abc.css', 'text/css; charset=utf-8'],
    ['assets/logo.svg', 'image/svg+xml'],
    ['assets/inter.woff2', 'font/woff2'],
    ['assets/data.bin', 'application/octet-stream'],
  ])('serves %s as %s, with the CSP', async (path, type) => {
    const answer = await resolveAppRequest(renderer, `app://doctor/${path}`);
    expect(answer.status).toBe(200);
    expect(answer.headers['Content-Type']).toBe(type);
    expect(answer.headers['Content-Security-Policy']).toBe(contentSecurityPolicy);
    expect(answer.headers['X-Content-Type-Options']).toBe('nosniff');
  });

  it('serves the page the window loads, the bare origin as the page, and ignores queries and fragments', async () => {
    for (const url of [appPageUrl, 'app://doctor/', 'app://doctor/index.html?from=menu#summary']) {
      const answer = await resolveAppRequest(renderer, url);
      expect(answer.status, url).toBe(200);
      expect(answer.body?.toString(), url).toContain('<div id="root">');
    }
  });

  it('follows a symlink that stays inside the folder', async () => {
    expect((await resolveAppRequest(renderer, 'app://doctor/logo-link.svg')).status).toBe(200);
  });

  it.each([
    ['dot-dot', 'app://doctor/../secret.txt'],
    ['dot-dot below a folder', 'app://doctor/assets/../../secret.txt'],
    ['encoded dot-dot', 'app://doctor/%2e%2e/secret.txt'],
    ['upper-case encoded dot-dot', 'app://doctor/%2E%2E/secret.txt'],
    ['half-encoded dot-dot', 'app://doctor/.%2e/secret.txt'],
    ['encoded slash', 'app://doctor/assets/..%2f..%2fsecret.txt'],
    ['encoded dot-dot and slash in one segment', 'app://doctor/%2e%2e%2fsecret.txt'],
    ['raw backslash', 'app://doctor/..\\secret.txt'],
    ['encoded backslash', 'app://doctor/..%5csecret.txt'],
    ['absolute path', 'app://doctor//etc/passwd'],
    ['encoded absolute path', 'app://doctor/%2fetc%2fpasswd'],
    ['drive letter', 'app://doctor/C:/Windows/win.ini'],
    ['NUL byte', 'app://doctor/index.html%00.png'],
    ['symlink to a file outside', 'app://doctor/assets/out.txt'],
    ['symlink to a folder outside', 'app://doctor/up/secret.txt'],
    ['single dot', 'app://doctor/./index.html'],
    ['broken percent-encoding', 'app://doctor/%E0%A4%A'],
    ['a missing file', 'app://doctor/assets/missing.js'],
    ['a folder', 'app://doctor/assets'],
    ['another host', 'app://evil/index.html'],
    ['another scheme', 'file:///etc/passwd'],
    ['garbage', 'not a url'],
  ])('answers %s with a 404 that carries the CSP', async (_label, url) => {
    const answer = await resolveAppRequest(renderer, url);
    expect(answer.status).toBe(404);
    expect(answer.headers['Content-Security-Policy']).toBe(contentSecurityPolicy);
    expect(answer.body?.toString()).not.toContain('wJalrXUtnFEMI');
  });

  it('answers HEAD without a body and refuses other methods with the CSP', async () => {
    const head = await resolveAppRequest(renderer, appPageUrl, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.body?.length).toBe(0);
    const post = await resolveAppRequest(renderer, appPageUrl, 'POST');
    expect(post.status).toBe(405);
    expect(post.headers.Allow).toBe('GET, HEAD');
    expect(post.headers['Content-Security-Policy']).toBe(contentSecurityPolicy);
  });
});
