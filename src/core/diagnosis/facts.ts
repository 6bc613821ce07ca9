import type { NodeHttpHandler } from '@smithy/node-http-handler';
import type { AwsCredentialIdentity } from '@smithy/types';
import type { CallerIdentity, Evidence } from '../../shared/model/diagnosis';
import type { AwsService } from '../aws/endpoints';
import type { AwsFailure } from '../aws/error-evidence';
import type { ProxyEnv } from '../aws/proxy-route';
import type { AwsSession } from '../aws/session';
import type { ActionReading, PolicyHolder } from '../iam-policy/evaluate';
import type { ProfileContext } from './profile-context';

/** What the user asked for, with the effective region and where it came from. */
export interface TargetFact {
  profile: ProfileContext;
  /** The effective region, or null when none is configured anywhere. */
  region: string | null;
  /** Where the region came from: `--region`, `AWS_REGION`, `config file [profile x]`... */
  regionSource: string | null;
  cluster: string | null;
  user: string | null;
  /** How the client signs in to the cluster, or 'unknown' when the request did not say. */
  signIn: 'password' | 'iam' | 'unknown';
  endpoints: Partial<Record<AwsService, string>>;
  /** Where each configured endpoint came from, in words (`endpoint_url in [profile x] of /path/config`). */
  endpointSources?: Partial<Record<AwsService, string>>;
  /**
   * How sessions reach AWS: a shared connection pool, retry bound, request timeout, the
   * FIPS / dual-stack choice of the profile or environment, and the host's proxy variables.
   */
  transport: {
    requestHandler?: NodeHttpHandler;
    maxAttempts?: number;
    requestTimeoutMs?: number;
    useFipsEndpoint?: boolean;
    useDualstackEndpoint?: boolean;
    proxyEnv?: ProxyEnv;
  };
  /** Upper bound on parallel calls of one fan-out (the region scan). */
  scanConcurrency: number;
}

/** The links of the SDK's default credential chain that the doctor follows, in the SDK's order. */
export type CredentialLink = 'environment' | 'shared-files' | 'web-identity' | 'metadata';

/** Which link of the credential chain answered, and the session built on its credentials. */
export interface CredentialsFact {
  /** The link that answered: what the probes decide on. */
  link: CredentialLink;
  /** The same link as people read it ("environment variables", "shared files, profile …"): evidence only, never compared. */
  provider: string;
  credentials: AwsCredentialIdentity;
  maskedKeyId: string;
  /** Long-term IAM user keys (AKIA… without a session token). */
  longTerm: boolean;
  session: AwsSession;
}

/** GetCallerIdentity's answer, and the region that gave it. */
export interface IdentityFact extends CallerIdentity {
  region: string;
}

/** GetCallerIdentity's refusal in the configured region, for the differential probe. */
export interface StsRejectionFact {
  region: string;
  failure: AwsFailure;
  evidence: Evidence;
}

/** An opt-in region's status for the account (account:GetRegionOptStatus), or unknown when it could not be asked. */
export interface RegionOptInFact {
  region: string;
  status: string;
}

/** The local clock against the server's Date header. */
export interface ClockFact {
  offsetMs: number;
  serverDate: string;
}

/** A cluster as far as the region step needs it. */
export interface ClusterSighting {
  name: string;
  region: string;
  status?: string;
  aclName?: string;
  tlsEnabled?: boolean;
  arn?: string;
}

/** What memorydb:DescribeClusters said in the effective region. */
export interface RegionClustersFact {
  region: string;
  clusters: ClusterSighting[];
  /** The named cluster, when it is there. */
  named: ClusterSighting | null;
  failure: AwsFailure | null;
  evidence: Evidence;
}

/** The verdict of one action, from the policy simulator or a real call. */
export interface ActionVerdict {
  action: string;
  /** `denied`: refused, but neither the message nor the simulator says whether by a missing Allow or an explicit deny. */
  decision: 'allowed' | 'explicitDeny' | 'implicitDeny' | 'denied' | 'unknown';
  /** Which policy type denied it, when the message or the simulator says. */
  deniedBy?: string;
  evidence: Evidence;
}

const decisionWords: Record<ActionVerdict['decision'], string> = {
  allowed: 'allowed',
  explicitDeny: 'denied by an explicit deny',
  implicitDeny: 'not allowed by any policy',
  denied: 'denied (whether by a missing Allow or an explicit deny is not known)',
  unknown: 'undecided',
};

/** A policy decision in words a person reads (IAM's own names, like implicitDeny, stay in the evidence). */
export function describeDecision(decision: ActionVerdict['decision']): string {
  return decisionWords[decision];
}

/** True when the action was refused, whichever way (explicit deny, no Allow, or a denial of unknown kind). */
export function isRefused(verdict: ActionVerdict): boolean {
  return verdict.decision === 'explicitDeny' || verdict.decision === 'implicitDeny' || verdict.decision === 'denied';
}

/** What the permission checks found, by action. */
export interface PermissionsFact {
  source: 'simulator' | 'real-calls';
  verdicts: ActionVerdict[];
}

/** The caller's own policies, read and evaluated for the refused actions (when the policy simulator could not tell). */
export interface PolicyReadingFact {
  /** The IAM user, or the role behind an assumed-role session, whose policies were read. */
  holder: PolicyHolder & { arn: string };
  /** How many policies were read and evaluated. */
  policiesRead: number;
  /** What could not be read, in words (an empty list: the reading is complete). */
  unread: string[];
  actions: Array<{ action: string; resource: string; reading: ActionReading }>;
}

/** The user's keys as IAM lists them. */
export interface AccessKeysFact {
  userName: string;
  keys: Array<{
    maskedKeyId: string;
    status: string;
    createdAt: string | null;
    ageDays: number | null;
    isCurrent: boolean;
    /** GetAccessKeyLastUsed's answer: null when IAM could not be asked; `date` null when never used. */
    lastUsed: { date: string | null; service: string | null; region: string | null } | null;
  }>;
}

/** A key's last use as a person reads it: date, service and region, or why it is not known. */
export function describeLastUse(lastUsed: AccessKeysFact['keys'][number]['lastUsed']): string {
  if (lastUsed === null) return 'last use unknown';
  if (lastUsed.date === null) return 'never used';
  const where = [lastUsed.service, lastUsed.region].filter((part) => part && part !== 'N/A').join(' in ');
  return `last used ${lastUsed.date.slice(0, 10)}${where ? ` by ${where}` : ''}`;
}

/**
 * Everything probes pass to each other. A probe declares the keys it needs (it runs only
 * once they exist), the keys it uses when present, and the keys it yields.
 */
export interface Facts {
  target: TargetFact;
  credentials: CredentialsFact;
  identity: IdentityFact;
  stsRejection: StsRejectionFact;
  regionOptIn: RegionOptInFact;
  clock: ClockFact;
  regionClusters: RegionClustersFact;
  clusterLocations: ClusterSighting[];
  simulation: PermissionsFact;
  realCalls: PermissionsFact;
  policyReading: PolicyReadingFact;
  accessKeys: AccessKeysFact;
}

export type FactKey = keyof Facts;

/** How a missing fact reads in a skipped probe's verdict. */
export const factDescriptions: Record<FactKey, string> = {
  target: 'the selected profile',
  credentials: 'credentials from the provider chain',
  identity: 'a caller identity from sts:GetCallerIdentity',
  stsRejection: 'a refusal from sts:GetCallerIdentity',
  regionOptIn: "the opt-in region's status for the account",
  clock: "the server's clock",
  regionClusters: 'the clusters of the configured region',
  clusterLocations: 'a scan of the MemoryDB regions',
  simulation: "the policy simulator's verdicts",
  realCalls: 'the results of real MemoryDB calls',
  policyReading: "a reading of the caller's own policies",
  accessKeys: "the user's access keys",
};
