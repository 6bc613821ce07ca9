import { dirname } from 'node:path';
import type { FixPreview, FixResult, ProfileDetailView, ProfileList } from '../../../shared/model/profile';
import { IpcFailure } from '../../../shared/ipc/result';
import type { ParsedRequestOf } from '../../../shared/ipc/contract';
import { AwsFileWriteError, backupDirFor, safeWriteAwsFile } from '../../../core/aws-files/safe-writer';
import { planFix, ProfileFixError, type FixSelector } from '../../../core/profiles/fixes';
import { loadProfiles } from '../../../core/profiles/load-profiles';
import { locateAwsFiles } from '../../../core/profiles/locate';
import { profileDetailView, profileListView } from '../../../core/profiles/views';
import { watchAwsFiles, type AwsFilesWatch } from '../../../core/profiles/watch';
import type { HandlerContext } from '../dispatcher';
import type { ActiveHost } from './active-host';

const writeErrorCodes = { 'changed-on-disk': 'conflict', 'not-allowed': 'refused', 'unsafe-to-edit': 'refused', io: 'internal' } as const;

function selectorOf(request: ParsedRequestOf<'previewProfileFix'>): FixSelector {
  return {
    profile: request.profile,
    ...(request.findingKey !== undefined ? { findingKey: request.findingKey } : {}),
    ...(request.fix !== undefined ? { fix: request.fix } : {}),
  };
}

function asIpcFailure(error: unknown): unknown {
  if (error instanceof ProfileFixError) return new IpcFailure(error.code, error.message);
  if (error instanceof AwsFileWriteError) return new IpcFailure(writeErrorCodes[error.code], error.message);
  return error;
}

/**
 * Answers for the profile channels. Every answer is built from the views in core/profiles,
 * which copy only non-secret fields; the dispatcher's response schemas strip anything else.
 */
export function createProfileHandlers(active: ActiveHost) {
  let watcher: AwsFilesWatch | null = null;

  /** (Re)arms the file watch for the renderer that last listed profiles. */
  function watchFor(context: HandlerContext): void {
    watcher?.close();
    const host = active.current();
    const paths = locateAwsFiles(host);
    watcher = watchAwsFiles([paths.credentials, paths.config], [dirname(paths.ssoCacheDir), paths.ssoCacheDir], (changed) => {
      context.emit('onProfilesChanged', { changedAt: host.now().toISOString(), paths: changed });
    });
  }

  return {
    async listProfiles(_request: ParsedRequestOf<'listProfiles'>, context: HandlerContext): Promise<ProfileList> {
      const set = await loadProfiles(active.current());
      watchFor(context);
      return profileListView(set);
    },

    async getProfile(request: ParsedRequestOf<'getProfile'>): Promise<ProfileDetailView> {
      const set = await loadProfiles(active.current());
      const profile = set.profiles.find((candidate) => candidate.name === request.name);
      if (!profile) throw new IpcFailure('not-found', `There is no profile named ${request.name} in ${set.files.credentials} or ${set.files.config}.`);
      return profileDetailView(set, profile);
    },

    async previewProfileFix(request: ParsedRequestOf<'previewProfileFix'>): Promise<FixPreview> {
      try {
        const planned = planFix(await loadProfiles(active.current()), selectorOf(request));
        return { file: planned.file, path: planned.path, expectedHash: planned.hash, summary: planned.summary, diff: planned.diff };
      } catch (error) {
        throw asIpcFailure(error);
      }
    },

    async applyProfileFix(request: ParsedRequestOf<'applyProfileFix'>): Promise<FixResult> {
      try {
        const host = active.current();
        const set = await loadProfiles(host);
        const planned = planFix(set, selectorOf(request));
        if (planned.hash !== request.expectedHash) {
          throw new IpcFailure('conflict', `${planned.path} changed since the preview; review the fix again before applying it.`);
        }
        const written = await safeWriteAwsFile({
          path: planned.path,
          expectedHash: request.expectedHash,
          edits: planned.edits,
          allowedPaths: [set.files.credentials, set.files.config],
          backupDir: backupDirFor(host.appDataDir),
          now: () => host.now(),
        });
        return {
          file: planned.file,
          path: written.path,
          backupPath: written.backupPath,
          previousHash: written.previousHash,
          newHash: written.newHash,
          changedLines: written.changedLines,
          diff: planned.diff,
        };
      } catch (error) {
        throw asIpcFailure(error);
      }
    },
  };
}
