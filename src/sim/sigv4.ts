import { Sha256 } from '@aws-crypto/sha256-js';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';
import { createHash } from 'node:crypto';

/**
 * SigV4 as a receiving AWS endpoint sees it: parse the Authorization header (or the presigned
 * query), then recompute the signature with the stored secret using @smithy/signature-v4,
 * the signer the SDK itself uses.
 */

/** The parts of a SigV4 signature a server reads before it knows the secret. */
export interface ParsedSignature {
  accessKeyId: string;
  date: string;
  region: string;
  service: string;
  signedHeaders: string[];
  signature: string;
  /** X-Amz-Date of the request (yyyymmddThhmmssZ). */
  amzDate: string;
  /** Session token the request carries (header or query), if any. */
  sessionToken: string | undefined;
  presigned: boolean;
}

/** Why a signature could not even be parsed, in AWS's IncompleteSignature / MissingAuthenticationToken terms. */
export type ParseFailure = { kind: 'missing' } | { kind: 'incomplete'; message: string };

/** The request as received, the way the verifier needs it. */
export interface ReceivedRequest {
  method: string;
  /** Raw path without the query string, as it came over the wire. */
  path: string;
  /** Decoded query parameters (repeated keys become lists). */
  query: Record<string, string | string[]>;
  /** Header names in lower case. */
  headers: Record<string, string>;
  body: Buffer;
}

const CREDENTIAL_RE = /^([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request$/;

/**
 * Parses the Authorization header or presigned query. The messages follow AWS's wording for
 * IncompleteSignature, e.g. "Authorization header requires 'Signature' parameter." and
 * "'<part>' not a valid key=value pair (missing equal-sign) in Authorization header: '<header>'."
 * (docs/aws-behaviour.md §1.3, boto/boto3#2280, aws/aws-sdk-go#289).
 */
export function parseSignature(request: ReceivedRequest): ParsedSignature | ParseFailure {
  const header = request.headers['authorization'];
  const queryAlgorithm = request.query['X-Amz-Algorithm'];
  if (header === undefined && queryAlgorithm === undefined) return { kind: 'missing' };
  if (header !== undefined) return parseHeader(header, request);
  return parseQuery(request);
}

function parseHeader(header: string, request: ReceivedRequest): ParsedSignature | ParseFailure {
  const space = header.indexOf(' ');
  const algorithm = space < 0 ? header : header.slice(0, space);
  if (algorithm !== 'AWS4-HMAC-SHA256') {
    return { kind: 'incomplete', message: `Unsupported AWS 'algorithm': '${algorithm}'` };
  }
  const fields = new Map<string, string>();
  const problems: string[] = [];
  for (const part of header
    .slice(space + 1)
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p.length > 0)) {
    const eq = part.indexOf('=');
    if (eq < 0) {
      problems.push(`'${part}' not a valid key=value pair (missing equal-sign) in Authorization header: '${header}'.`);
      continue;
    }
    fields.set(part.slice(0, eq), part.slice(eq + 1));
  }
  if (problems.length > 0) return { kind: 'incomplete', message: problems.join(' ') };
  for (const name of ['Credential', 'Signature', 'SignedHeaders']) {
    if (!fields.has(name)) problems.push(`Authorization header requires '${name}' parameter.`);
  }
  const amzDate = request.headers['x-amz-date'];
  if (amzDate === undefined) problems.push("Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.");
  if (problems.length > 0) return { kind: 'incomplete', message: `${problems.join(' ')} Authorization=${header}` };
  return finish(
    fields.get('Credential')!,
    fields.get('SignedHeaders')!,
    fields.get('Signature')!,
    amzDate!,
    request.headers['x-amz-security-token'],
    false,
    header,
  );
}

function parseQuery(request: ReceivedRequest): ParsedSignature | ParseFailure {
  const single = (name: string): string | undefined => {
    const value = request.query[name];
    return Array.isArray(value) ? value[0] : value;
  };
  const missing = ['X-Amz-Credential', 'X-Amz-SignedHeaders', 'X-Amz-Signature', 'X-Amz-Date'].filter((name) => single(name) === undefined);
  if (missing.length > 0) {
    return {
      kind: 'incomplete',
      message: missing.map((name) => `AWS query-string parameters must include '${name}'.`).join(' ') + ' Re-examine the query-string parameters.',
    };
  }
  return finish(
    single('X-Amz-Credential')!,
    single('X-Amz-SignedHeaders')!,
    single('X-Amz-Signature')!,
    single('X-Amz-Date')!,
    single('X-Amz-Security-Token'),
    true,
    '',
  );
}

function finish(
  credential: string,
  signedHeaders: string,
  signature: string,
  amzDate: string,
  sessionToken: string | undefined,
  presigned: boolean,
  header: string,
): ParsedSignature | ParseFailure {
  const match = CREDENTIAL_RE.exec(credential);
  if (!match) {
    return { kind: 'incomplete', message: `Credential should be scoped to a valid region. ${header ? `Authorization=${header}` : ''}`.trim() };
  }
  if (!/^\d{8}T\d{6}Z$/.test(amzDate))
    return { kind: 'incomplete', message: `Date must be in ISO-8601 'basic format'. Got '${amzDate}'. See http://en.wikipedia.org/wiki/ISO_8601` };
  return {
    accessKeyId: match[1]!,
    date: match[2]!,
    region: match[3]!,
    service: match[4]!,
    signedHeaders: signedHeaders.split(';').filter((h) => h.length > 0),
    signature,
    amzDate,
    sessionToken,
    presigned,
  };
}

/** Converts yyyymmddThhmmssZ to a Date. */
export function parseAmzDate(amzDate: string): Date {
  const iso = `${amzDate.slice(0, 4)}-${amzDate.slice(4, 6)}-${amzDate.slice(6, 8)}T${amzDate.slice(9, 11)}:${amzDate.slice(11, 13)}:${amzDate.slice(13, 15)}Z`;
  return new Date(iso);
}

/** Formats a Date as yyyymmddThhmmssZ, the form AWS's skew messages use. */
export function formatAmzDate(date: Date): string {
  return date
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

/**
 * Recomputes the signature with `secretAccessKey` and compares it in constant time.
 * Only the headers the client listed in SignedHeaders enter the canonical request, and the
 * payload hash is always computed from the body received — a client-supplied
 * x-amz-content-sha256 that disagrees with the body fails, so a tampered body cannot hide
 * behind a stale hash header.
 */
export async function verifySignature(request: ReceivedRequest, parsed: ParsedSignature, secretAccessKey: string): Promise<boolean> {
  const headers: Record<string, string> = {};
  for (const name of parsed.signedHeaders) {
    const value = request.headers[name];
    if (value === undefined) return false;
    headers[name] = value;
  }
  const bodyHash = createHash('sha256').update(request.body).digest('hex');
  const claimed = headers['x-amz-content-sha256'];
  if (claimed !== undefined && claimed !== 'UNSIGNED-PAYLOAD' && claimed !== bodyHash) return false;
  const query = { ...request.query };
  if (parsed.presigned) delete query['X-Amz-Signature'];
  const signer = new SignatureV4({
    credentials: {
      accessKeyId: parsed.accessKeyId,
      secretAccessKey,
      ...(parsed.sessionToken !== undefined && parsed.signedHeaders.includes('x-amz-security-token') ? { sessionToken: parsed.sessionToken } : {}),
    },
    region: parsed.region,
    service: parsed.service,
    sha256: Sha256,
    applyChecksum: false,
  });
  const signingDate = parseAmzDate(parsed.amzDate);
  let expected: string;
  if (parsed.presigned) {
    expected = await presignedSignature(signer, request, query, headers, parsed, signingDate);
  } else {
    const signed = await signer.sign(
      new HttpRequest({ method: request.method, protocol: 'http:', hostname: headers['host'] ?? '', path: request.path, query, headers, body: request.body }),
      { signingDate, signableHeaders: new Set(parsed.signedHeaders) },
    );
    const authorization = signed.headers['authorization'] ?? '';
    expected = /Signature=([0-9a-f]+)/.exec(authorization)?.[1] ?? '';
    const signedList = /SignedHeaders=([^,]+)/.exec(authorization)?.[1] ?? '';
    // The signer adds x-amz-date itself; if the client did not sign it, the lists differ and so must the verdict.
    if (signedList !== parsed.signedHeaders.join(';')) return false;
  }
  return constantTimeEqual(expected, parsed.signature);
}

async function presignedSignature(
  signer: SignatureV4,
  request: ReceivedRequest,
  query: Record<string, string | string[]>,
  headers: Record<string, string>,
  parsed: ParsedSignature,
  signingDate: Date,
): Promise<string> {
  // Re-presigning from the bare URL reproduces the same canonical query the client signed.
  const bare = { ...query };
  for (const name of ['X-Amz-Algorithm', 'X-Amz-Credential', 'X-Amz-Date', 'X-Amz-Expires', 'X-Amz-SignedHeaders', 'X-Amz-Security-Token']) delete bare[name];
  const expires = Number(single(query['X-Amz-Expires']) ?? '900');
  const presigned = await signer.presign(
    new HttpRequest({
      method: request.method,
      protocol: 'http:',
      hostname: headers['host'] ?? '',
      path: request.path,
      query: bare,
      headers,
      body: request.body,
    }),
    { signingDate, expiresIn: expires, signableHeaders: new Set(parsed.signedHeaders) },
  );
  return single(presigned.query?.['X-Amz-Signature']) ?? '';
}

const single = (value: string | string[] | null | undefined): string | undefined => (Array.isArray(value) ? value[0] : (value ?? undefined));

function constantTimeEqual(a: string, b: string): boolean {
  if (a.length !== b.length || a.length === 0) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}
