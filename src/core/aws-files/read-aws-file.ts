import { createHash } from 'node:crypto';
import { lstat, readFile, realpath, stat } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';

/** One read of an AWS file: the text the SDK would see, and a hash to detect later changes. */
export interface AwsFileSnapshot {
  /** The path as resolved from the environment (may be a symlink). */
  path: string;
  /** The file the path points at after following symlinks; equals `path` when missing. */
  realPath: string;
  exists: boolean;
  /** Decoded as UTF-8 exactly like the SDK's `readFile(path, 'utf8')` (bad bytes become U+FFFD). */
  text: string;
  /** sha256 of the raw bytes, or {@link missingFileHash} when the file does not exist. */
  hash: string;
  /** Permission bits (`mode & 0o777`), null when missing. */
  mode: number | null;
}

/** Why a file could not be read; the profile loader turns each into a finding. */
export type AwsFileReadErrorCode = 'not-a-file' | 'unreadable' | 'too-large';

/** A path that exists but cannot be used as an AWS file. */
export class AwsFileReadError extends Error {
  constructor(
    readonly code: AwsFileReadErrorCode,
    readonly path: string,
    message: string,
  ) {
    super(message);
    this.name = 'AwsFileReadError';
  }
}

/** The hash recorded for a file that does not exist, so creating it counts as a change. */
export const missingFileHash = 'missing';

/**
 * Files larger than this are refused: real credentials and config files are a few
 * kilobytes, and 10,000 profiles fit in about 1.5 MB.
 */
export const maxAwsFileBytes = 5 * 1024 * 1024;

/** sha256 hex of raw bytes: the content hash the writer compares before it writes. */
export function hashBytes(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Resolves symlinks of an existing file, or of the nearest existing folder for a missing one. */
export async function resolveRealPath(path: string): Promise<string> {
  const absolute = resolve(path);
  try {
    return await realpath(absolute);
  } catch {
    try {
      return join(await realpath(dirname(absolute)), basename(absolute));
    } catch {
      return absolute;
    }
  }
}

function isMissing(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}

/** Reads raw bytes with the checks every reader and the writer share. */
export async function readAwsFileBytes(path: string): Promise<{ realPath: string; bytes: Buffer | null; mode: number | null }> {
  const realPath = await resolveRealPath(path);
  let info;
  try {
    info = await stat(realPath);
  } catch (error) {
    if (isMissing(error)) {
      // A dangling symlink is not "missing": the SDK would fail on it, and so should we.
      const link = await lstat(resolve(path)).catch(() => null);
      if (link?.isSymbolicLink()) throw new AwsFileReadError('unreadable', path, `${path} is a symbolic link to a file that does not exist.`);
      return { realPath, bytes: null, mode: null };
    }
    throw new AwsFileReadError('unreadable', path, `${path} cannot be read: ${(error as Error).message}`);
  }
  if (!info.isFile()) throw new AwsFileReadError('not-a-file', path, `${path} is a ${info.isDirectory() ? 'folder' : 'special file'}, not a file.`);
  if (info.size > maxAwsFileBytes) {
    throw new AwsFileReadError('too-large', path, `${path} is ${info.size} bytes; an AWS file over ${maxAwsFileBytes} bytes is not read.`);
  }
  try {
    const bytes = await readFile(realPath);
    return { realPath, bytes, mode: info.mode & 0o777 };
  } catch (error) {
    if (isMissing(error)) return { realPath, bytes: null, mode: null };
    throw new AwsFileReadError('unreadable', path, `${path} cannot be read: ${(error as Error).message}`);
  }
}

/** Builds the snapshot of bytes already read (null bytes: the file does not exist). */
export function snapshotOf(path: string, realPath: string, bytes: Buffer | null, mode: number | null): AwsFileSnapshot {
  if (bytes === null) return { path, realPath, exists: false, text: '', hash: missingFileHash, mode: null };
  return { path, realPath, exists: true, text: bytes.toString('utf8'), hash: hashBytes(bytes), mode };
}

/** Reads an AWS credentials or config file; a missing file is a snapshot with `exists: false`. */
export async function readAwsFile(path: string): Promise<AwsFileSnapshot> {
  const { realPath, bytes, mode } = await readAwsFileBytes(path);
  return snapshotOf(path, realPath, bytes, mode);
}
