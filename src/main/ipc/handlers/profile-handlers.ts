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
import { FixProposals } from '../fix-proposals';

const writeErrorCodes = { 'changed-on-disk': 'conflict', 'not-allowed': 'refused', 'unsafe-to-edit': 'refused', io: 'internal' } as const;

/** The fix the request names, as main knows it: a finding's (looked up in the fresh load) or a kept proposal. */
function selectorOf(request: ParsedRequestOf<'previewProfileFix'>, proposals: FixProposals): FixSelector {
  if ('findingKey' in request) return { profile: request.profile, findingKey: request.findingKey };
  const proposed = proposals.find(request.profile, request.fixId);
  if (proposed === null) {
    throw new IpcFailure(
      'refused',
      `The app did not propose fix ${request.fixId} for profile ${request.profile} (or it is no longer current); run the diagnosis again.`,
    );
  }
  return { profile: request.profile, proposed };
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
export function createProfileHandlers(active: ActiveHost, proposals: FixProposals = new FixProposals()) {
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
        const planned = planFix(await loadProfiles(active.current()), selectorOf(request, proposals));
        return { file: planned.file, path: planned.path, expectedHash: planned.hash, summary: planned.summary, diff: planned.diff };
      } catch (error) {
        throw asIpcFailure(error);
      }
    },

    async applyProfileFix(request: ParsedRequestOf<'applyProfileFix'>): Promise<FixResult> {
      try {
        const host = active.current();
        const set = await loadProfiles(host);
        const planned = planFix(set, selectorOf(request, proposals));
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
          ...(planned.mode === null ? {} : { mode: planned.mode }),
        });
        // A proposal is used once: the file it was planned against is gone.
        if ('fixId' in request) proposals.forget(request.profile, request.fixId);
        return {
          file: planned.file,
          path: written.path,
          backupPath: written.backupPath,
          previousHash: written.previousHash,
          newHash: written.newHash,
          changedLines: written.changedLines,
          diff: planned.diff,
          // An undo belongs to a profile; a fix to a whole file (its permissions) offers none.
          undoFixId: planned.undo === null || request.profile === undefined ? null : proposals.keepUndo(request.profile, planned.undo),
        };
      } catch (error) {
        throw asIpcFailure(error);
      }
    },
  };
}
