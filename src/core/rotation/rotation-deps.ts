import { safeWriteAwsFile } from '../aws-files/safe-writer';
import type { HostEnvironment } from '../host';
import { defaultClientFactory } from './aws-access';
import type { RotationDeps, RotationPrompts, RotationProgress } from './ports';
import { resolveRotationProfile } from './rotation-profile';
import { defaultBackoff, realSleep } from './wait-for-key';

/** The production wiring of the rotation: the real profile loader, SDK clients, safe writer and timer. */
export function createRotationDeps(options: {
  host: HostEnvironment;
  prompts: RotationPrompts;
  emit: (progress: RotationProgress) => void;
  signal?: AbortSignal;
  overrides?: Partial<RotationDeps>;
}): RotationDeps {
  return {
    host: options.host,
    resolveProfile: resolveRotationProfile,
    clients: defaultClientFactory,
    writer: safeWriteAwsFile,
    prompts: options.prompts,
    emit: options.emit,
    backoff: defaultBackoff,
    sleep: realSleep,
    signal: options.signal,
    ...options.overrides,
  };
}
