import type { ProbeDefinition } from '../diagnosis/probe';
import { accessKeysProbe } from './access-keys';
import { callerIdentityProbe, stsDifferentialProbe } from './caller-identity';
import { clusterScanProbe } from './cluster-scan';
import { clusterProbes } from './cluster';
import { environmentKeysProbe } from './environment-keys';
import { clustersInRegionProbe } from './clusters-in-region';
import { memoryDbCallsProbe } from './memorydb-calls';
import { permissionsVerdictProbe } from './permissions-verdict';
import { policyReadingProbe } from './policy-reading';
import { policySimulationProbe } from './policy-simulation';
import { profileFindingsProbe } from './profile-findings';
import { regionConfigProbe } from './region-config';
import { regionOptInProbe } from './region-opt-in';
import { renewProbe } from './renew';
import { resolveCredentialsProbe } from './resolve-credentials';

/**
 * The diagnosis plan: every probe, one line each. Order only sets the order of results in
 * the report; the runner starts each probe as soon as what it needs exists. A new step's
 * probes (e.g. cluster sign-in) are new files here plus one line each.
 */
export const defaultProbes: readonly ProbeDefinition[] = [
  profileFindingsProbe,
  resolveCredentialsProbe,
  callerIdentityProbe,
  stsDifferentialProbe,
  environmentKeysProbe,
  accessKeysProbe,
  regionConfigProbe,
  regionOptInProbe,
  clustersInRegionProbe,
  clusterScanProbe,
  policySimulationProbe,
  memoryDbCallsProbe,
  policyReadingProbe,
  permissionsVerdictProbe,
  renewProbe,
  ...clusterProbes,
];
