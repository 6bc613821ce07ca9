import { externalDataInterceptor, loadSharedConfigFiles } from '@smithy/shared-ini-file-loader';
import { randomUUID } from 'node:crypto';
import type { IniMap } from './ini-lines';

/** What the SDK itself makes of a pair of texts: the same maps `fromIni` resolves from. */
export interface SdkParsedFiles {
  /** Profiles from the config file: `[profile x]` as `x`, `[default]`, and `sso-session.x` / `services.x`. */
  configFile: IniMap;
  credentialsFile: IniMap;
}

/**
 * Runs the SDK's own loader (`loadSharedConfigFiles`) over texts we already read, through
 * its documented file interceptor under throwaway paths, so the values we report come
 * from the very parser the SDK uses and from the very bytes we scanned and hashed.
 */
export async function parseWithSdk(texts: { credentials: string; config: string }): Promise<SdkParsedFiles> {
  const base = `/__mdb-doctor__/${randomUUID()}`;
  const credentialsPath = `${base}/credentials`;
  const configPath = `${base}/config`;
  const record = externalDataInterceptor.getFileRecord();
  externalDataInterceptor.interceptFile(credentialsPath, texts.credentials);
  externalDataInterceptor.interceptFile(configPath, texts.config);
  try {
    const parsed = await loadSharedConfigFiles({ filepath: credentialsPath, configFilepath: configPath });
    return { configFile: parsed.configFile as IniMap, credentialsFile: parsed.credentialsFile as IniMap };
  } finally {
    delete record[credentialsPath];
    delete record[configPath];
  }
}

/** The SDK's raw `parseIni` output for one text (the credentials file is not post-processed). */
export async function parseIniWithSdk(text: string): Promise<IniMap> {
  return (await parseWithSdk({ credentials: text, config: '' })).credentialsFile;
}
