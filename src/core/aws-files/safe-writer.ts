import { randomBytes } from 'node:crypto';
import { mkdir, open, readdir, rename, rm, stat, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { TextDecoder } from 'node:util';
import { IniEditError, planIniEdits, unintendedChange, type IniEdit } from './ini-edit';
import { AwsFileReadError, hashBytes, missingFileHash, readAwsFileBytes, resolveRealPath } from './read-aws-file';
import { parseIniWithSdk } from './sdk-ini';

/** One guarded edit of one AWS file. */
export interface SafeWriteRequest {
  path: string;
  /** The `hash` of the snapshot the edit was planned from; the write is refused if the file moved on. */
  expectedHash: string;
  edits: readonly IniEdit[];
  /** The resolved AWS files; anything else is refused. */
  allowedPaths: readonly string[];
  backupDir: string;
  /** How many backups of this file to keep (default 10). */
  keepBackups?: number;
  /** Clock for the backup's timestamp; the host's `now`. */
  now?: () => Date;
  /**
   * A stricter mode for the file (the "only you can read it" fix, 0600); the write is refused
   * when it would let anyone do more than the file's current mode allows.
   */
  mode?: number;
}

/** What a write did. */
export interface SafeWriteResult {
  /** The file actually written (a symlink's target). */
  path: string;
  /** The copy of the previous content, null when the file did not exist before. */
  backupPath: string | null;
  previousHash: string;
  newHash: string;
  /** 1-based lines of the new file that were replaced or added. */
  changedLines: number[];
  /** 1-based lines of the old file that were removed. */
  removedLines: number[];
}

/** Why a write was refused; nothing was written when this is thrown. */
export type AwsFileWriteErrorCode = 'changed-on-disk' | 'not-allowed' | 'unsafe-to-edit' | 'io';

/** A refused or failed write. The target file is unchanged whenever this is thrown. */
export class AwsFileWriteError extends Error {
  constructor(
    readonly code: AwsFileWriteErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'AwsFileWriteError';
  }
}

/** Where the writer keeps backups inside the app's data folder. */
export function backupDirFor(appDataDir: string): string {
  return join(appDataDir, 'backups', 'aws-files');
}

const defaultKeepBackups = 10;

async function assertAllowed(path: string, allowedPaths: readonly string[]): Promise<string> {
  const real = await resolveRealPath(path);
  const allowed = new Set<string>();
  for (const candidate of allowedPaths) {
    allowed.add(resolve(candidate));
    allowed.add(await resolveRealPath(candidate));
  }
  if (!allowed.has(resolve(path)) && !allowed.has(real)) {
    throw new AwsFileWriteError('not-allowed', `${path} is not one of the resolved AWS files; the app only edits those.`);
  }
  return real;
}

async function readCurrent(path: string): Promise<{ realPath: string; bytes: Buffer | null; mode: number | null }> {
  try {
    return await readAwsFileBytes(path);
  } catch (error) {
    if (error instanceof AwsFileReadError) {
      throw new AwsFileWriteError(error.code === 'unreadable' ? 'io' : 'unsafe-to-edit', error.message);
    }
    throw new AwsFileWriteError('io', `${path} cannot be read: ${(error as Error).message}`);
  }
}

function decodeForEditing(path: string, bytes: Buffer): string {
  if (bytes.includes(0)) throw new AwsFileWriteError('unsafe-to-edit', `${path} contains NUL bytes (binary data); it is not edited automatically.`);
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    throw new AwsFileWriteError('unsafe-to-edit', `${path} is not valid UTF-8; editing it could corrupt the bytes that are not text.`);
  }
}

/** Second opinion from the SDK's own parser: only the edited values may differ. */
async function verifyWithSdk(path: string, before: string, after: string, edits: readonly IniEdit[]): Promise<void> {
  const [old, now] = await Promise.all([parseIniWithSdk(before), parseIniWithSdk(after)]);
  const problem = unintendedChange(old, now, edits);
  if (problem !== null) throw new AwsFileWriteError('unsafe-to-edit', `In ${path}, ${problem} as the AWS SDK reads it; nothing was written.`);
}

function timestamp(date: Date): string {
  return date.toISOString().replace(/[-:]/g, '').replace('.', '-');
}

async function writeAndSync(handle: FileHandle, bytes: Uint8Array): Promise<void> {
  await handle.writeFile(bytes);
  await handle.sync();
}

async function writeBackup(realPath: string, bytes: Buffer, backupDir: string, now: Date, keep: number): Promise<string> {
  await mkdir(backupDir, { recursive: true, mode: 0o700 });
  const name = basename(realPath);
  const backupPath = join(backupDir, `${name}.${timestamp(now)}.${randomBytes(3).toString('hex')}.bak`);
  const handle = await open(backupPath, 'wx', 0o600);
  try {
    await handle.chmod(0o600);
    await writeAndSync(handle, bytes);
  } finally {
    await handle.close();
  }
  await pruneBackups(backupDir, name, keep);
  return backupPath;
}

async function pruneBackups(backupDir: string, name: string, keep: number): Promise<void> {
  const entries = (await readdir(backupDir)).filter((entry) => entry.startsWith(`${name}.`) && entry.endsWith('.bak')).sort();
  const excess = entries.slice(0, Math.max(0, entries.length - Math.max(1, keep)));
  await Promise.all(excess.map((entry) => rm(join(backupDir, entry), { force: true })));
}

async function syncFolder(folder: string): Promise<void> {
  // Makes the rename durable; some platforms (Windows) cannot open a folder, which is fine.
  const handle = await open(folder, 'r').catch(() => null);
  if (!handle) return;
  await handle.sync().catch(() => undefined);
  await handle.close();
}

/**
 * Replaces a file atomically: temp file in the same folder, fsync, rename over the target,
 * keeping the target's mode and owner (0600 for a new file). `beforeRename` runs last,
 * to re-check the target right before it is replaced.
 */
async function atomicReplace(realPath: string, bytes: Uint8Array, beforeRename: () => Promise<void>, newMode?: number): Promise<void> {
  const folder = dirname(realPath);
  const existing = await stat(realPath).catch(() => null);
  const mode = newMode ?? (existing ? existing.mode & 0o777 : 0o600);
  const temp = join(folder, `.${basename(realPath)}.${randomBytes(6).toString('hex')}.tmp`);
  const handle = await open(temp, 'wx', mode);
  try {
    try {
      await handle.chmod(mode);
      if (existing) await handle.chown(existing.uid, existing.gid).catch(() => undefined);
      await writeAndSync(handle, bytes);
    } finally {
      await handle.close();
    }
    await beforeRename();
    await rename(temp, realPath);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
  await syncFolder(folder);
}

function ioError(error: unknown, action: string): AwsFileWriteError {
  if (error instanceof AwsFileWriteError) return error;
  return new AwsFileWriteError('io', `${action}: ${(error as Error).message}`);
}

/**
 * The only way the product changes a user's AWS file: checks the path and the content
 * hash, plans the edit, has the SDK's parser confirm only the intended values change,
 * backs the old bytes up (mode 0600, last N kept), then replaces the file atomically.
 */
export async function safeWriteAwsFile(request: SafeWriteRequest): Promise<SafeWriteResult> {
  const realPath = await assertAllowed(request.path, request.allowedPaths);
  const current = await readCurrent(request.path);
  const previousHash = current.bytes === null ? missingFileHash : hashBytes(current.bytes);
  if (previousHash !== request.expectedHash) {
    throw new AwsFileWriteError('changed-on-disk', `${request.path} changed since it was read; read it again and review the change.`);
  }
  if (current.bytes !== null && current.mode !== null && (current.mode & 0o200) === 0) {
    throw new AwsFileWriteError('not-allowed', `${request.path} is read-only; someone made it so on purpose, so the app will not replace it.`);
  }
  if (request.mode !== undefined && (current.bytes === null || current.mode === null || (request.mode & ~current.mode & 0o777) !== 0)) {
    throw new AwsFileWriteError('not-allowed', `${request.path}: the app only ever takes permissions away from an existing file, never adds them.`);
  }
  const before = current.bytes === null ? '' : decodeForEditing(request.path, current.bytes);
  let plan;
  try {
    plan = planIniEdits(before, request.edits);
  } catch (error) {
    if (error instanceof IniEditError) throw new AwsFileWriteError('unsafe-to-edit', error.message);
    throw error;
  }
  await verifyWithSdk(request.path, before, plan.text, request.edits);
  const newBytes = Buffer.from(plan.text, 'utf8');
  const now = (request.now ?? (() => new Date()))();
  try {
    await mkdir(dirname(realPath), { recursive: true, mode: 0o700 });
    const backupPath =
      current.bytes === null ? null : await writeBackup(realPath, current.bytes, request.backupDir, now, request.keepBackups ?? defaultKeepBackups);
    await atomicReplace(
      realPath,
      newBytes,
      async () => {
        const latest = await readCurrent(request.path);
        const latestHash = latest.bytes === null ? missingFileHash : hashBytes(latest.bytes);
        if (latestHash !== previousHash)
          throw new AwsFileWriteError('changed-on-disk', `${request.path} changed while it was being written; nothing was replaced.`);
      },
      request.mode,
    );
    return {
      path: realPath,
      backupPath,
      previousHash,
      newHash: hashBytes(newBytes),
      changedLines: plan.changes.filter((change) => change.newLine !== null).map((change) => change.newLine!),
      removedLines: plan.changes.filter((change) => change.kind === 'delete').map((change) => change.oldLine!),
    };
  } catch (error) {
    throw ioError(error, `Writing ${request.path} failed`);
  }
}

/** Puts a backup's bytes back over an allowed AWS file, with the same atomic replace. */
export async function restoreBackup(backupPath: string, targetPath: string, allowedPaths: readonly string[]): Promise<void> {
  const realPath = await assertAllowed(targetPath, allowedPaths);
  let bytes: Buffer;
  try {
    const backup = await readAwsFileBytes(backupPath);
    if (backup.bytes === null) throw new AwsFileWriteError('io', `The backup ${backupPath} does not exist.`);
    bytes = backup.bytes;
  } catch (error) {
    throw ioError(error, `Reading the backup ${backupPath} failed`);
  }
  try {
    await mkdir(dirname(realPath), { recursive: true, mode: 0o700 });
    await atomicReplace(realPath, bytes, async () => undefined);
  } catch (error) {
    throw ioError(error, `Restoring ${targetPath} failed`);
  }
}
