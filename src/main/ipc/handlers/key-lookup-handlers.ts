import type { ParsedRequestOf } from '../../../shared/ipc/contract';
import { IpcFailure } from '../../../shared/ipc/result';
import type { KeyLookUpResult } from '../../../shared/model/key-lookup';
import { keyLookUpCandidates } from '../../../core/key-lookup/candidates';
import { keyLookUpCalls, lookUpRefusedKey } from '../../../core/key-lookup/look-up';
import type { HandlerScope } from './index';

/**
 * Answers for looking a refused key up with another profile. The page names two profiles and
 * nothing else; main reads the key id and the other profile's credentials from the files, and
 * asks the person in its own dialog before anything is sent with them.
 */
export function createKeyLookUpHandlers(deps: HandlerScope) {
  return {
    async keyLookUpCandidates(request: ParsedRequestOf<'keyLookUpCandidates'>) {
      return { candidates: await keyLookUpCandidates(deps.host.current(), request.profile) };
    },

    async lookUpRefusedKey(request: ParsedRequestOf<'lookUpRefusedKey'>): Promise<KeyLookUpResult> {
      const host = deps.host.current();
      const candidate = (await keyLookUpCandidates(host, request.profile)).find((known) => known.profile === request.helperProfile);
      const account = candidate?.sameAccount ? 'It seems to be in the same account' : 'Nothing local says it is in the same account';
      const agreed = await deps.shell.confirm({
        title: 'Use another profile to look the key up?',
        message: `Use the credentials of profile "${request.helperProfile}" to look up, in IAM, the key AWS refused for profile "${request.profile}"?`,
        detail: `${account}. Read-only calls, made with ${request.helperProfile}'s credentials: ${keyLookUpCalls.join(', ')}. Nothing is changed.`,
        confirmLabel: 'Look the key up',
      });
      if (!agreed) throw new IpcFailure('cancelled', `Profile "${request.helperProfile}" was not used: it was not confirmed in the app's dialog.`);
      return lookUpRefusedKey(host, { refusedProfile: request.profile, helperProfile: request.helperProfile });
    },
  };
}
