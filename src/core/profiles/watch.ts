import { watch, type FSWatcher } from 'node:fs';
import { basename, dirname } from 'node:path';

/** A running watch; `close` stops it. */
export interface AwsFilesWatch {
  close(): void;
}

/**
 * Calls `onChange` (debounced) when any of the given files, or any file in the given
 * folders, changes. Folders are watched rather than files because editors and our own
 * writer replace files by rename, which would orphan a watch on the old file.
 * Watches never keep the process alive; a folder that does not exist is skipped.
 */
export function watchAwsFiles(files: readonly string[], folders: readonly string[], onChange: (paths: string[]) => void, debounceMs = 250): AwsFilesWatch {
  const watchers: FSWatcher[] = [];
  const changed = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  const fire = (path: string) => {
    changed.add(path);
    clearTimeout(timer);
    timer = setTimeout(() => {
      const paths = [...changed];
      changed.clear();
      onChange(paths);
    }, debounceMs);
    timer.unref?.();
  };
  const byFolder = new Map<string, Set<string> | null>();
  for (const file of files) {
    const folder = dirname(file);
    const names = byFolder.get(folder);
    if (names === null) continue;
    byFolder.set(folder, new Set([...(names ?? []), basename(file)]));
  }
  for (const folder of folders) byFolder.set(folder, null);
  for (const [folder, names] of byFolder) {
    try {
      const watcher = watch(folder, { persistent: false }, (_event, filename) => {
        const name = filename?.toString() ?? '';
        if (names === null) fire(`${folder}/${name}`);
        else if (names.has(name) || name === '') fire(`${folder}/${name}`);
      });
      watcher.on('error', () => watcher.close());
      watchers.push(watcher);
    } catch {
      // The folder does not exist yet; the next list call re-arms the watch.
    }
  }
  return {
    close() {
      clearTimeout(timer);
      for (const watcher of watchers) watcher.close();
    },
  };
}
