import { resolveEndpoint, type AwsService } from '../aws/endpoints';
import { pickProxyEnv } from '../aws/proxy-route';
import { parseWithSdk } from '../aws-files/sdk-ini';
import type { HostEnvironment } from '../host';
import { loadProfiles } from '../profiles/load-profiles';
import type { RotationProfileInfo } from './ports';

const services: AwsService[] = ['sts', 'iam'];

/**
 * The product's profile resolver for rotation: the profile loader's view (kind, where the
 * key came from, region, settings) plus the endpoints the SDK would use for STS and IAM,
 * so a profile whose `endpoint_url` points at LocalStack, moto or the simulator is honoured.
 */
export async function resolveRotationProfile(host: HostEnvironment, profile: string): Promise<RotationProfileInfo | null> {
  const set = await loadProfiles(host, { profile });
  const detail = set.profiles.find((candidate) => candidate.name === profile);
  if (!detail) return null;
  const source = detail.sources.aws_access_key_id;
  const keySource: RotationProfileInfo['keySource'] =
    source === undefined ? null : 'env' in source ? 'environment' : source.file === 'credentials' ? 'credentials-file' : 'config-file';
  const configText = set.files.configFile.snapshot?.text ?? '';
  const configSections = (await parseWithSdk({ credentials: '', config: configText })).configFile;
  const endpoints: Partial<Record<AwsService, string>> = {};
  for (const service of services) {
    const resolved = resolveEndpoint(service, host.env, { profile: detail.settings, configSections });
    if (resolved) endpoints[service] = resolved.url;
  }
  const keyId = detail.secrets.accessKeyId;
  const configProfilesWithSameKey =
    keyId === null
      ? []
      : set.profiles
          .filter((other) => other.name !== profile && other.secrets.accessKeyId === keyId)
          .filter((other) => {
            const where = other.sources.aws_access_key_id;
            return where !== undefined && 'file' in where && where.file === 'config';
          })
          .map((other) => other.name);
  return {
    profile,
    kind: detail.kind,
    credentialsFile: set.files.credentials,
    configFile: set.files.config,
    keySource,
    region: detail.region?.value ?? null,
    endpoints,
    mfaSerial: detail.settings.mfa_serial ?? null,
    configProfilesWithSameKey,
    proxyEnv: pickProxyEnv(host.env),
  };
}
