import type { KeyLookUpCandidate } from '../../shared/model/key-lookup';
import type { HostEnvironment } from '../host';
import { environmentProfileName, loadProfiles } from '../profiles/load-profiles';
import { maskKeyId } from '../profiles/mask';
import type { ProfileSecrets } from '../profiles/types';
import { accountHintOf, accountHintOfKeyId } from './account-hints';

/** Kinds of profile that can produce credentials of their own. */
const credentialedKinds = new Set(['static', 'temporary', 'assume-role', 'sso', 'process', 'web-identity']);

/** What refusedKeyIdOf reads: the loader's profiles and environment. */
interface RefusalSources {
  defaultProfile: string;
  profiles: ReadonlyArray<{ name: string; secrets: ProfileSecrets; sourceProfileChain: readonly string[] }>;
  environment: { credentialsWin: boolean; secrets: ProfileSecrets };
}

/**
 * The key id the SDK would send for the profile as the diagnosis selected it, and the profile
 * that holds it: environment keys win when the profile was not named; an assume-role profile's
 * key is the one at the end of its source_profile chain (a refused source key is refused for
 * the role too).
 */
export function refusedKeyIdOf(set: RefusalSources, requested: string | undefined): { profile: string; keyId: string | null } {
  const profile = requested ?? set.defaultProfile;
  if (requested === undefined && set.environment.credentialsWin) return { profile, keyId: set.environment.secrets.accessKeyId };
  const detail = set.profiles.find((candidate) => candidate.name === profile);
  const holder = [...(detail?.sourceProfileChain ?? [profile])]
    .reverse()
    .map((name) => set.profiles.find((candidate) => candidate.name === name))
    .find((candidate) => candidate?.secrets.accessKeyId);
  return holder ? { profile: holder.name, keyId: holder.secrets.accessKeyId } : { profile, keyId: null };
}

/**
 * The other local profiles that could look the refused key up in IAM, read from the files
 * only (nothing is sent anywhere). Profiles with local reason to think they are in the refused
 * key's account come first and alone; when there are none, every profile with credentials of
 * its own is offered as possibly another account.
 */
export async function keyLookUpCandidates(host: HostEnvironment, refusedProfile?: string): Promise<KeyLookUpCandidate[]> {
  const set = await loadProfiles(host, { profile: refusedProfile });
  const refused = refusedKeyIdOf(set, refusedProfile);
  if (!refused.keyId) return [];
  const keyAccount = accountHintOfKeyId(refused.keyId);
  const diagnosed = refusedProfile ?? set.defaultProfile;
  const others = set.profiles.filter(
    (detail) =>
      detail.name !== refused.profile &&
      detail.name !== diagnosed &&
      // A role whose chain ends at the refused key cannot be had either.
      !detail.sourceProfileChain.includes(refused.profile) &&
      detail.name !== environmentProfileName &&
      credentialedKinds.has(detail.kind) &&
      // A profile holding the same key would be refused the same way.
      detail.secrets.accessKeyId !== refused.keyId,
  );
  const same: KeyLookUpCandidate[] = [];
  const maybe: KeyLookUpCandidate[] = [];
  for (const detail of others) {
    const hint = accountHintOf(detail);
    if (keyAccount && hint?.account === keyAccount) {
      same.push({
        profile: detail.name,
        sameAccount: true,
        reason: `${hint.from} names account ${hint.account}, as the refused key ${maskKeyId(refused.keyId)} seems to`,
      });
    } else if (!keyAccount || !hint) {
      maybe.push({ profile: detail.name, sameAccount: false, reason: 'may be another account: nothing local says which account it is in' });
    } else {
      maybe.push({ profile: detail.name, sameAccount: false, reason: `may be another account: ${hint.from} names account ${hint.account}` });
    }
  }
  return same.length > 0 ? same : maybe;
}
