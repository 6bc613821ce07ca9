import { mkdtemp, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { journalDirFor, JournalStore, newJournalId, type RotationJournal } from '../../../../src/core/rotation/journal';

function sample(id: string): RotationJournal {
  const at = '2026-01-01T00:00:00.000Z';
  return {
    version: 1,
    id,
    profile: 'dev',
    credentialsFile: '/home/u/.aws/credentials',
    userName: 'dev-user',
    userArn: 'arn:aws:iam::111122223333:user/dev-user',
    oldKeyId: 'AKIAIOSFODNN7EXAMPLE',
    preflightKeyIds: ['AKIAIOSFODNN7EXAMPLE'],
    otherKeyId: null,
    newKeyId: null,
    sharedProfiles: [],
    deleteOld: 'no',
    deleteAfter: null,
    fileHashBefore: 'a'.repeat(64),
    fileHashAfter: null,
    backupPath: null,
    phase: 'creating-key',
    history: [{ phase: 'creating-key', at }],
    startedAt: at,
    updatedAt: at,
  };
}

describe('the rotation journal', () => {
  it('writes 0600 files in a 0700 folder, atomically, and reads them back', async () => {
    const appData = await mkdtemp(join(tmpdir(), 'mdb-journal-'));
    const store = new JournalStore(appData);
    const id = newJournalId(new Date('2026-01-01T00:00:00Z'));
    await store.write(sample(id));
    const advanced = await store.advance(sample(id), 'key-created', new Date('2026-01-01T00:00:01Z'), { newKeyId: 'AKIAI44QH8DHBEXAMPLE' });
    expect(advanced.history.map((entry) => entry.phase)).toEqual(['creating-key', 'key-created']);
    const dir = journalDirFor(appData);
    expect((await stat(dir)).mode & 0o777).toBe(0o700);
    const files = await readdir(dir);
    expect(files).toEqual([`${id}.journal.json`]);
    expect((await stat(join(dir, files[0]!))).mode & 0o777).toBe(0o600);
    expect(await store.read(id)).toEqual(advanced);
    await store.remove(id);
    expect((await store.list()).journals).toEqual([]);
  });

  it('reports an unreadable journal instead of throwing, and refuses to write a malformed one', async () => {
    const appData = await mkdtemp(join(tmpdir(), 'mdb-journal-'));
    const store = new JournalStore(appData);
    await store.write(sample('good-1'));
    await writeFile(join(journalDirFor(appData), 'broken.journal.json'), '{ not json');
    const listed = await store.list();
    expect(listed.journals.map((journal) => journal.id)).toEqual(['good-1']);
    expect(listed.unreadable).toHaveLength(1);
    await expect(store.write({ ...sample('bad id with spaces') })).rejects.toThrow();
  });

  it('has no field that could hold a secret', async () => {
    const appData = await mkdtemp(join(tmpdir(), 'mdb-journal-'));
    const store = new JournalStore(appData);
    const withSecret = { ...sample('s-1'), secret: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' } as RotationJournal;
    await store.write(withSecret);
    const text = await readFile(join(journalDirFor(appData), 's-1.journal.json'), 'utf8');
    expect(text).not.toContain('wJalrXUtnFEMI');
  });
});
