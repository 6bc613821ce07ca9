import { mkdir, mkdtemp, readFile, rm, stat, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AwsFileReadError, readAwsFileBytes } from '../../../../src/core/aws-files/read-aws-file';
import { loadProfiles, type LoadProfilesOptions } from '../../../../src/core/profiles/load-profiles';
import type { ProfileSet } from '../../../../src/core/profiles/types';
import { createActiveHost } from '../../../../src/main/ipc/handlers/active-host';
import { createProfileHandlers } from '../../../../src/main/ipc/handlers/profile-handlers';
import { hostFor } from './fixture-home';

let home: string;
let credentials: string;
let config: string;

beforeEach(async () => {
  home = await mkdtemp(join(tmpdir(), 'bad-input-'));
  await mkdir(join(home, '.aws'));
  credentials = join(home, '.aws', 'credentials');
  config = join(home, '.aws', 'config');
});
afterEach(async () => {
  await rm(home, { recursive: true, force: true });
});

function ids(set: ProfileSet): string[] {
  return [...set.findings, ...set.profiles.flatMap((profile) => profile.findings)].map((finding) => finding.id);
}

async function fingerprint(): Promise<string> {
  const parts: string[] = [];
  for (const path of [credentials, config]) {
    const info = await stat(path).catch(() => null);
    parts.push(info === null ? 'absent' : info.isFile() ? `${info.size}:${info.mtimeMs}:${(await readFile(path)).toString('base64')}` : 'folder');
  }
  return parts.join('|');
}

/** Loads, then also asks the handlers for the list and for a region fix; nothing may be written. */
async function loadAndTryToFix(options: LoadProfilesOptions = {}): Promise<ProfileSet> {
  const before = await fingerprint();
  const set = await loadProfiles(hostFor(home), options);
  const handlers = createProfileHandlers(createActiveHost(hostFor(home)));
  await handlers.listProfiles({}, { emit: () => undefined });
  await handlers.applyProfileFix({ profile: 'default', fixId: 'set-value:config:default:region=us-east-1', expectedHash: 'stale' }).catch(() => undefined);
  expect(await fingerprint()).toBe(before);
  return set;
}

describe('bad input: a clear finding, no crash, nothing written', () => {
  it('missing files', async () => {
    const set = await loadAndTryToFix();
    expect(set.profiles).toEqual([]);
    expect(ids(set).filter((id) => id === 'file.missing')).toHaveLength(2);
  });

  it('empty files', async () => {
    await writeFile(credentials, '');
    await writeFile(config, '');
    const set = await loadAndTryToFix();
    expect(ids(set).filter((id) => id === 'file.empty')).toHaveLength(2);
  });

  it('a folder where a file should be', async () => {
    await mkdir(credentials);
    const set = await loadAndTryToFix();
    expect(set.findings.find((finding) => finding.id === 'file.not-a-file')?.message).toContain('is a folder');
  });

  it('unreadable permissions (EACCES injected: tests run as root, where chmod 000 does not stop reads)', async () => {
    await writeFile(credentials, '[default]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\n');
    const set = await loadAndTryToFix({
      readBytes: async (path) => {
        if (path === credentials) throw Object.assign(new Error(`EACCES: permission denied, open '${path}'`), { code: 'EACCES' });
        return readAwsFileBytes(path);
      },
    });
    const finding = set.findings.find((candidate) => candidate.id === 'file.unreadable');
    expect(finding?.message).toContain('EACCES');
    expect(set.files.credentialsFile.error).toBeInstanceOf(AwsFileReadError);
  });

  it('a 10 MB file', async () => {
    await writeFile(credentials, '');
    await truncate(credentials, 10 * 1024 * 1024);
    const set = await loadAndTryToFix();
    expect(set.findings.find((finding) => finding.id === 'file.too-large')?.message).toContain('10485760 bytes');
  });

  it('binary garbage', async () => {
    const garbage = Buffer.alloc(4096);
    for (let index = 0; index < garbage.length; index += 1) garbage[index] = (index * 7919) % 256;
    await writeFile(credentials, garbage);
    const set = await loadAndTryToFix();
    expect(ids(set)).toContain('file.binary');
  });

  it('non-UTF-8 bytes', async () => {
    await writeFile(config, Buffer.concat([Buffer.from('[default]\nregion = us-east-1\n# r\u00e9gion\n'), Buffer.from([0xff, 0xfe, 0x0a])]));
    const set = await loadAndTryToFix();
    expect(ids(set)).toContain('file.not-utf8');
    expect(set.profiles.find((profile) => profile.name === 'default')?.region?.value).toBe('us-east-1');
  });

  it('a cyclic source_profile chain', async () => {
    await writeFile(
      config,
      '[profile a]\nrole_arn = arn:aws:iam::1:role/a\nsource_profile = b\n[profile b]\nrole_arn = arn:aws:iam::1:role/b\nsource_profile = a\n',
    );
    const set = await loadAndTryToFix();
    const a = set.profiles.find((profile) => profile.name === 'a')!;
    expect(a.findings.map((finding) => finding.id)).toContain('source-profile.cycle');
    expect(a.sourceProfileChain).toEqual(['a', 'b', 'a']);
  });

  it('unknown keys', async () => {
    await writeFile(config, '[default]\nregion = us-east-1\nfavourite_colour = blue\n');
    const set = await loadAndTryToFix();
    expect(ids(set)).toContain('ini.unknown-key');
  });

  it('a 10,000-profile file lists every profile', async () => {
    const sections = Array.from(
      { length: 10_000 },
      (_, index) =>
        `[p${index}]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\nregion = us-east-1\n`,
    );
    await writeFile(credentials, sections.join('\n'), { mode: 0o600 });
    const set = await loadProfiles(hostFor(home));
    expect(set.profiles).toHaveLength(10_000);
    expect(set.profiles.every((profile) => profile.kind === 'static' && profile.maskedKeyId === 'AKIA…MPLE')).toBe(true);
  });
});

describe('the SDK and the line scanner', () => {
  it('call out a section name the SDK loses to a built-in JavaScript name', async () => {
    await writeFile(
      credentials,
      '[constructor]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n',
      { mode: 0o600 },
    );
    const set = await loadProfiles(hostFor(home));
    expect(set.profiles.map((profile) => profile.name)).toEqual([]);
    expect(set.findings.find((finding) => finding.id === 'ini.bad-section-header')?.message).toContain('built-in JavaScript name');
  });

  it('read a BOM, CRLF and odd spacing to the same values', async () => {
    await writeFile(
      credentials,
      '\uFEFF[default]\r\n  aws_access_key_id=AKIAIOSFODNN7EXAMPLE   \r\naws_secret_access_key =\twJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY ; old\r\n',
      { mode: 0o600 },
    );
    const set = await loadProfiles(hostFor(home));
    const profile = set.profiles.find((candidate) => candidate.name === 'default')!;
    expect(profile.kind).toBe('static');
    expect(profile.secrets.accessKeyId).toBe('AKIAIOSFODNN7EXAMPLE');
    expect(profile.sources.aws_access_key_id).toEqual({ file: 'credentials', path: credentials, line: 2 });
    expect(profile.sources.aws_secret_access_key).toEqual({ file: 'credentials', path: credentials, line: 3 });
  });
});
