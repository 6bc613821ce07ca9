import { chmod, chown, lstat, mkdir, mkdtemp, readdir, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { missingFileHash, readAwsFile } from '../../../../src/core/aws-files/read-aws-file';
import { AwsFileWriteError, backupDirFor, restoreBackup, safeWriteAwsFile } from '../../../../src/core/aws-files/safe-writer';

let root: string;
let credentials: string;
let backups: string;

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'safe-writer-'));
  await mkdir(join(root, '.aws'));
  credentials = join(root, '.aws', 'credentials');
  backups = backupDirFor(join(root, 'app'));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

const original = '# keys\r\n[dev]\r\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\r\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\r\n';

async function refusal(promise: Promise<unknown>): Promise<AwsFileWriteError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(AwsFileWriteError);
  return error as AwsFileWriteError;
}

describe('safeWriteAwsFile', () => {
  it('writes one value, keeps mode and every other byte, and backs up the old bytes with mode 0600', async () => {
    await writeFile(credentials, original, { mode: 0o640 });
    await chmod(credentials, 0o640);
    const snapshot = await readAwsFile(credentials);
    const result = await safeWriteAwsFile({
      path: credentials,
      expectedHash: snapshot.hash,
      edits: [{ section: 'dev', key: 'aws_access_key_id', value: 'AKIAI44QH8DHBEXAMPLE' }],
      allowedPaths: [credentials],
      backupDir: backups,
      now: () => new Date('2026-01-02T03:04:05.678Z'),
    });
    expect(await readFile(credentials, 'utf8')).toBe(original.replace('AKIAIOSFODNN7EXAMPLE', 'AKIAI44QH8DHBEXAMPLE'));
    expect((await stat(credentials)).mode & 0o777).toBe(0o640);
    expect(result.changedLines).toEqual([3]);
    expect(result.previousHash).toBe(snapshot.hash);
    expect(result.backupPath).toMatch(/credentials\.20260102T030405-678Z\.[0-9a-f]+\.bak$/);
    expect(await readFile(result.backupPath!, 'utf8')).toBe(original);
    expect((await stat(result.backupPath!)).mode & 0o777).toBe(0o600);
    expect((await readdir(join(root, '.aws'))).sort()).toEqual(['credentials']);
  });

  // Only root may hand a file to another owner, so the test needs root to set the scene.
  it.skipIf(process.getuid?.() !== 0)('keeps the owner of the file it replaces', async () => {
    await writeFile(credentials, original);
    await chown(credentials, 1234, 2345);
    const snapshot = await readAwsFile(credentials);
    await safeWriteAwsFile({
      path: credentials,
      expectedHash: snapshot.hash,
      edits: [{ section: 'dev', key: 'region', value: 'us-east-1' }],
      allowedPaths: [credentials],
      backupDir: backups,
    });
    const info = await stat(credentials);
    expect([info.uid, info.gid]).toEqual([1234, 2345]);
  });

  it.skipIf(process.platform === 'win32')('takes permissions away when asked (same bytes, backup kept), and never adds any', async () => {
    await writeFile(credentials, original);
    await chmod(credentials, 0o644);
    const snapshot = await readAwsFile(credentials);
    const base = { path: credentials, expectedHash: snapshot.hash, edits: [], allowedPaths: [credentials], backupDir: backups };
    const result = await safeWriteAwsFile({ ...base, mode: 0o600 });
    expect((await stat(credentials)).mode & 0o777).toBe(0o600);
    expect(await readFile(credentials, 'utf8')).toBe(original);
    expect(result.backupPath).not.toBeNull();
    expect(await readFile(result.backupPath!, 'utf8')).toBe(original);
    const widen = await refusal(safeWriteAwsFile({ ...base, expectedHash: result.newHash, mode: 0o644 }));
    expect(widen.code).toBe('not-allowed');
    expect((await stat(credentials)).mode & 0o777).toBe(0o600);
  });

  it('creates a missing file with mode 0600 and no backup', async () => {
    const result = await safeWriteAwsFile({
      path: credentials,
      expectedHash: missingFileHash,
      edits: [{ section: 'dev', key: 'region', value: 'us-east-1' }],
      allowedPaths: [credentials],
      backupDir: backups,
    });
    expect(result.backupPath).toBeNull();
    expect(await readFile(credentials, 'utf8')).toBe('[dev]\nregion = us-east-1\n');
    expect((await stat(credentials)).mode & 0o777).toBe(0o600);
  });

  it('refuses when the file changed since it was read, and writes nothing', async () => {
    await writeFile(credentials, original);
    const snapshot = await readAwsFile(credentials);
    await writeFile(credentials, `${original}[x]\n`);
    const error = await refusal(
      safeWriteAwsFile({
        path: credentials,
        expectedHash: snapshot.hash,
        edits: [{ section: 'dev', key: 'region', value: 'us-east-1' }],
        allowedPaths: [credentials],
        backupDir: backups,
      }),
    );
    expect(error.code).toBe('changed-on-disk');
    expect(await readFile(credentials, 'utf8')).toBe(`${original}[x]\n`);
    expect(await readdir(root)).not.toContain('app');
  });

  it('refuses a path that is not one of the resolved AWS files', async () => {
    const other = join(root, 'elsewhere');
    await writeFile(other, original);
    const snapshot = await readAwsFile(other);
    const error = await refusal(
      safeWriteAwsFile({
        path: other,
        expectedHash: snapshot.hash,
        edits: [{ section: 'dev', key: 'region', value: 'x' }],
        allowedPaths: [credentials],
        backupDir: backups,
      }),
    );
    expect(error.code).toBe('not-allowed');
    expect(await readFile(other, 'utf8')).toBe(original);
  });

  it('refuses non-UTF-8, binary and a folder, writing nothing', async () => {
    const bad = Buffer.concat([Buffer.from('[dev]\nregion = caf'), Buffer.from([0xe9]), Buffer.from('\n')]);
    await writeFile(credentials, bad);
    let snapshot = await readAwsFile(credentials);
    let error = await refusal(
      safeWriteAwsFile({
        path: credentials,
        expectedHash: snapshot.hash,
        edits: [{ section: 'dev', key: 'region', value: 'x' }],
        allowedPaths: [credentials],
        backupDir: backups,
      }),
    );
    expect(error.code).toBe('unsafe-to-edit');
    expect(await readFile(credentials)).toEqual(bad);
    await writeFile(credentials, Buffer.from([0x5b, 0x00, 0x01, 0x5d]));
    snapshot = await readAwsFile(credentials);
    error = await refusal(
      safeWriteAwsFile({
        path: credentials,
        expectedHash: snapshot.hash,
        edits: [{ section: 'dev', key: 'region', value: 'x' }],
        allowedPaths: [credentials],
        backupDir: backups,
      }),
    );
    expect(error.code).toBe('unsafe-to-edit');
    await rm(credentials);
    await mkdir(credentials);
    error = await refusal(
      safeWriteAwsFile({
        path: credentials,
        expectedHash: missingFileHash,
        edits: [{ section: 'dev', key: 'region', value: 'x' }],
        allowedPaths: [credentials],
        backupDir: backups,
      }),
    );
    expect(error.code).toBe('unsafe-to-edit');
  });

  it('follows a symlink to its target and leaves the link in place', async () => {
    const target = join(root, 'real-credentials');
    await writeFile(target, original);
    await symlink(target, credentials);
    const snapshot = await readAwsFile(credentials);
    expect(snapshot.realPath).toBe(target);
    const result = await safeWriteAwsFile({
      path: credentials,
      expectedHash: snapshot.hash,
      edits: [{ section: 'dev', key: 'region', value: 'us-east-1' }],
      allowedPaths: [credentials],
      backupDir: backups,
    });
    expect(result.path).toBe(target);
    expect((await lstat(credentials)).isSymbolicLink()).toBe(true);
    expect(await readFile(target, 'utf8')).toContain('region = us-east-1\r\n');
  });

  it('keeps only the last N backups and restores one atomically', async () => {
    await writeFile(credentials, original);
    let backup: string | null = null;
    for (let index = 0; index < 4; index += 1) {
      const snapshot = await readAwsFile(credentials);
      const result = await safeWriteAwsFile({
        path: credentials,
        expectedHash: snapshot.hash,
        edits: [{ section: 'dev', key: 'region', value: `r${index}` }],
        allowedPaths: [credentials],
        backupDir: backups,
        keepBackups: 2,
        now: () => new Date(Date.UTC(2026, 0, 1, 0, 0, index)),
      });
      backup ??= result.backupPath;
    }
    const kept = await readdir(backups);
    expect(kept).toHaveLength(2);
    expect(kept.every((name) => /T00000[23]/.test(name))).toBe(true);
    const latest = join(backups, kept.sort()[0]!);
    await restoreBackup(latest, credentials, [credentials]);
    expect(await readFile(credentials, 'utf8')).toContain('region = r1');
    await expect(restoreBackup(latest, join(root, 'x'), [credentials])).rejects.toMatchObject({ code: 'not-allowed' });
  });
});
