import { Sha256 } from '@aws-crypto/sha256-js';
import { SignatureV4 } from '@smithy/signature-v4';
import type { AwsCredentialIdentity } from '@smithy/types';

/** MemoryDB IAM tokens live 15 minutes (docs/aws-behaviour.md §2.2, `TOKEN_EXPIRY_SECONDS = 900` in AWS's example). */
export const tokenLifetimeSeconds = 900;

/** The signing name of MemoryDB; a token signed for `elasticache` is refused (docs/aws-behaviour.md §2.3). */
export const tokenSigningService = 'memorydb';

/** What a token is for and who signs it. */
export interface AuthTokenInput {
  clusterName: string;
  userName: string;
  region: string;
  credentials: AwsCredentialIdentity;
  /** The signing time; the local clock when absent. */
  signingDate?: Date;
}

function encode(value: string): string {
  // RFC 3986 as SigV4 wants it: encodeURIComponent leaves !'()* alone.
  return encodeURIComponent(value).replace(/[!'()*]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`);
}

/**
 * A MemoryDB IAM auth token exactly as AWS's `IAMAuthTokenRequest` example builds it
 * (devguide auth-iam.html): SigV4-presign `GET http://{clusterName}/?Action=connect&User={userName}`
 * for service `memorydb` in the region, valid 900 seconds, then drop the `http://`. The host
 * in the signature is the cluster name, not the endpoint. The token is a short-lived
 * credential: callers must never log it.
 */
export async function generateAuthToken(input: AuthTokenInput): Promise<string> {
  const signer = new SignatureV4({ service: tokenSigningService, region: input.region, credentials: input.credentials, sha256: Sha256 });
  const presigned = await signer.presign(
    {
      method: 'GET',
      protocol: 'http:',
      hostname: input.clusterName,
      path: '/',
      query: { Action: 'connect', User: input.userName },
      headers: { host: input.clusterName },
    },
    { expiresIn: tokenLifetimeSeconds, ...(input.signingDate ? { signingDate: input.signingDate } : {}) },
  );
  const query = Object.entries(presigned.query ?? {})
    .flatMap(([key, value]) =>
      Array.isArray(value) ? value.map((item) => [key, item] as const) : value === null || value === undefined ? [] : [[key, value] as const],
    )
    // Canonical order, with the signature last as AWS's own token generators print it.
    .sort(([a], [b]) => (a === 'X-Amz-Signature' ? 1 : b === 'X-Amz-Signature' ? -1 : a < b ? -1 : a > b ? 1 : 0))
    .map(([key, value]) => `${encode(key)}=${encode(value)}`)
    .join('&');
  return `${input.clusterName}/?${query}`;
}

/** A token reduced to what is safe to show: the cluster, the user and the signing key id, never the signature. */
export function maskAuthToken(token: string): string {
  const [host = '', query = ''] = token.split('/?');
  const params = new URLSearchParams(query);
  const keyId = params.get('X-Amz-Credential')?.split('/')[0] ?? '';
  const maskedKey = keyId.length > 8 ? `${keyId.slice(0, 4)}…${keyId.slice(-4)}` : '…';
  return `${host}/?Action=connect&User=${encode(params.get('User') ?? '')}&X-Amz-Credential=${maskedKey}/…&X-Amz-Signature=••••••••`;
}
