import { randomBytes } from 'node:crypto';
import { chmod, mkdir, open, readdir, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { deleteOldChoiceSchema, journalPhaseSchema, type JournalPhase } from '../../shared/model/rotation';

export { journalPhaseSchema, type JournalPhase };

/**
 * One rotation's journal. It holds key ids, never a secret: the new key's secret lives only
 * in memory and in the credentials file, so a crash before the file write loses it for
 * good, and recovery then has to delete that key (it can never be used).
 */
export const rotationJournalSchema = z.object({
  version: z.literal(1),
  id: z.string().regex(/^[A-Za-z0-9-]+$/),
  profile: z.string(),
  credentialsFile: z.string(),
  userName: z.string(),
  userArn: z.string(),
  oldKeyId: z.string(),
  /** Every key id the user had at preflight: a key outside this set was created by this run. */
  preflightKeyIds: z.array(z.string()),
  otherKeyId: z.string().nullable(),
  newKeyId: z.string().nullable(),
  /** Profiles in the same file that held the old key and were rewritten with the new one. */
  sharedProfiles: z.array(z.string()),
  deleteOld: deleteOldChoiceSchema,
  deleteAfter: z.string().nullable(),
  fileHashBefore: z.string(),
  fileHashAfter: z.string().nullable(),
  backupPath: z.string().nullable(),
  phase: journalPhaseSchema,
  history: z.array(z.object({ phase: journalPhaseSchema, at: z.string() })),
  startedAt: z.string(),
  updatedAt: z.string(),
});
export type RotationJournal = z.infer<typeof rotationJournalSchema>;

/** The folder (mode 0700) that holds rotation journals inside the app's data folder. */
export function journalDirFor(appDataDir: string): string {
  return join(appDataDir, 'rotation');
}

function journalPath(dir: string, id: string): string {
  return join(dir, `${id}.journal.json`);
}

/** A new journal id: sortable by time, unique enough for one machine. */
export function newJournalId(now: Date): string {
  return `${now.toISOString().replace(/[-:.]/g, '').toLowerCase()}-${randomBytes(4).toString('hex')}`;
}

async function syncFolder(folder: string): Promise<void> {
  const handle = await open(folder, 'r').catch(() => null);
  if (!handle) return;
  await handle.sync().catch(() => undefined);
  await handle.close();
}

/** Persists journals: each write is a temp file, fsync, rename, folder fsync, so a crash leaves the old or the new record. */
export class JournalStore {
  readonly dir: string;

  constructor(appDataDir: string) {
    this.dir = journalDirFor(appDataDir);
  }

  /** Writes the record durably with mode 0600; throws when the disk refuses (the caller must not go on). */
  async write(journal: RotationJournal): Promise<void> {
    const checked = rotationJournalSchema.parse(journal);
    await mkdir(this.dir, { recursive: true, mode: 0o700 });
    await chmod(this.dir, 0o700);
    const target = journalPath(this.dir, checked.id);
    const temp = join(this.dir, `.${checked.id}.${randomBytes(4).toString('hex')}.tmp`);
    const handle = await open(temp, 'wx', 0o600);
    try {
      await handle.chmod(0o600);
      await handle.writeFile(`${JSON.stringify(checked, null, 2)}\n`, 'utf8');
      await handle.sync();
    } catch (error) {
      await handle.close();
      await rm(temp, { force: true });
      throw error;
    }
    await handle.close();
    await rename(temp, target);
    await syncFolder(this.dir);
  }

  /** Records a new phase (with its time) and persists it; returns the updated record. */
  async advance(journal: RotationJournal, phase: JournalPhase, now: Date, changes: Partial<RotationJournal> = {}): Promise<RotationJournal> {
    const at = now.toISOString();
    const next: RotationJournal = { ...journal, ...changes, phase, updatedAt: at, history: [...journal.history, { phase, at }] };
    await this.write(next);
    return next;
  }

  /** Removes a finished rotation's record. */
  async remove(id: string): Promise<void> {
    await rm(journalPath(this.dir, id), { force: true });
    await syncFolder(this.dir);
  }

  /** Every readable journal, oldest first; unreadable ones are reported, not thrown. */
  async list(): Promise<{ journals: RotationJournal[]; unreadable: Array<{ path: string; reason: string }> }> {
    const names = await readdir(this.dir).catch(() => [] as string[]);
    const journals: RotationJournal[] = [];
    const unreadable: Array<{ path: string; reason: string }> = [];
    for (const name of names.filter((entry) => entry.endsWith('.journal.json')).sort()) {
      const path = join(this.dir, name);
      try {
        const parsed = rotationJournalSchema.safeParse(JSON.parse(await readFile(path, 'utf8')));
        if (parsed.success) journals.push(parsed.data);
        else unreadable.push({ path, reason: 'not a rotation journal this version understands' });
      } catch (error) {
        unreadable.push({ path, reason: (error as Error).message });
      }
    }
    return { journals, unreadable };
  }

  /** One journal by id, or null. */
  async read(id: string): Promise<RotationJournal | null> {
    const { journals } = await this.list();
    return journals.find((journal) => journal.id === id) ?? null;
  }
}
