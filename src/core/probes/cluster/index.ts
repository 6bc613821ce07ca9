import type { ProbeDefinition } from '../../diagnosis/probe';
import { clusterSignInProbe } from './cluster-sign-in';
import { connectPermissionProbe } from './connect-permission';

/** Step 6's probes (cluster sign-in), registered in the plan with one line. */
export const clusterProbes: readonly ProbeDefinition[] = [clusterSignInProbe, connectPermissionProbe];
