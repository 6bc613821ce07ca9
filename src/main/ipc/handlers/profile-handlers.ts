import { loadSharedConfigFiles } from '@smithy/shared-ini-file-loader';
import { join } from 'node:path';
import type { ProfileList } from '../../../shared/model/profile';
import type { HostEnvironment } from '../../core/host';

/** Answers for the profile channels. */
export function createProfileHandlers(host: HostEnvironment) {
  return {
    async listProfiles(): Promise<ProfileList> {
      const credentials = host.env.AWS_SHARED_CREDENTIALS_FILE ?? join(host.homeDir, '.aws', 'credentials');
      const config = host.env.AWS_CONFIG_FILE ?? join(host.homeDir, '.aws', 'config');
      const files = await loadSharedConfigFiles({ filepath: credentials, configFilepath: config, ignoreCache: true });
      const defaultProfile = host.env.AWS_PROFILE ?? 'default';
      const names = [...new Set([...Object.keys(files.configFile), ...Object.keys(files.credentialsFile)])].sort();
      return {
        defaultProfile,
        files: { credentials, config },
        profiles: names.map((name) => {
          const merged = { ...files.configFile[name], ...files.credentialsFile[name] };
          const keyId = merged.aws_access_key_id;
          return {
            name,
            kind: keyId ? (merged.aws_session_token ? 'temporary' : 'static') : 'unknown',
            region: merged.region ?? null,
            regionSource: merged.region ? 'config' : null,
            maskedKeyId: keyId && keyId.length >= 8 ? `${keyId.slice(0, 4)}…${keyId.slice(-4)}` : null,
            hasSessionToken: Boolean(merged.aws_session_token),
            isDefault: name === defaultProfile,
            findingCount: 0,
            worstSeverity: null,
          };
        }),
      };
    },
  };
}
