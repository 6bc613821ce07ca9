import { XMLParser } from 'fast-xml-parser';
import type { AttemptRecord } from './call-recorder';
import { awsErrorMessage, awsErrorName, isKnownAwsErrorName, kindOfFailure, networkCodeOf, type FailureKind } from './error-kinds';

export type { FailureKind } from './error-kinds';

/** An AWS failure reduced to what a person and the cause mapping need; never a secret. */
export interface AwsFailure {
  kind: FailureKind;
  errorName: string;
  message: string;
  httpStatus?: number;
  requestId?: string;
  /** True when the name came from a body the SDK could not parse (a non-AWS endpoint). */
  fromRawBody: boolean;
}

interface ErrorLike {
  code?: unknown;
  $metadata?: { httpStatusCode?: unknown; requestId?: unknown };
  $response?: { statusCode?: unknown };
  $responseBodyText?: unknown;
}

function asErrorLike(error: unknown): ErrorLike {
  return error !== null && typeof error === 'object' ? (error as ErrorLike) : {};
}

const xml = new XMLParser({ ignoreAttributes: true, parseTagValue: false, processEntities: true });

function findKey(value: unknown, wanted: string, depth = 0): string | undefined {
  if (depth > 6 || value === null || typeof value !== 'object') return undefined;
  for (const [key, inner] of Object.entries(value as Record<string, unknown>)) {
    if (key.toLowerCase() === wanted && (typeof inner === 'string' || typeof inner === 'number')) return String(inner);
  }
  for (const inner of Object.values(value as Record<string, unknown>)) {
    const found = findKey(inner, wanted, depth + 1);
    if (found !== undefined) return found;
  }
  return undefined;
}

/** What an error body says, whatever its dialect: AWS query XML, AWS JSON, or an HTML page. */
export function readErrorBody(body: string | undefined): { code?: string; message?: string; title?: string } {
  const text = body?.trim();
  if (!text) return {};
  if (text.startsWith('{')) {
    try {
      const parsed: unknown = JSON.parse(text);
      const type = findKey(parsed, '__type') ?? findKey(parsed, 'code');
      return { code: type?.split('#').pop()?.split(':')[0], message: findKey(parsed, 'message') };
    } catch {
      return {};
    }
  }
  if (/^<!doctype html|^<html/i.test(text)) {
    const title = /<title>([^<]*)<\/title>/i.exec(text)?.[1]?.trim();
    const heading = /<h1>([^<]*)<\/h1>/i.exec(text)?.[1]?.trim();
    return { title: title || heading };
  }
  if (text.startsWith('<')) {
    try {
      const parsed: unknown = xml.parse(text);
      return { code: findKey(parsed, 'code'), message: findKey(parsed, 'message') };
    } catch {
      return {};
    }
  }
  return {};
}

/** Names the SDK gives an error it could not parse (JSON.parse on XML, a bare status code). */
function isUnparsedName(name: string): boolean {
  return (
    name === 'SyntaxError' || name === 'Unknown' || name === 'UnknownError' || name === 'Error' || /^\d{3}$/.test(name) || name.endsWith('ServiceException')
  );
}

/**
 * Reduces an SDK error to its evidence: `err.name`, `$metadata.httpStatusCode`, the request
 * id and the message. When the SDK could not parse the body (a non-AWS endpoint answering
 * XML to a JSON client, or an HTML 500 page), the raw attempt the recorder kept is read
 * instead: an `AccessDenied` code inside XML is still an access denial; a body that names
 * nothing leaves the failure `unparseable`, with the status and the page title as evidence.
 */
export function describeAwsError(error: unknown, attempts: readonly AttemptRecord[] = []): AwsFailure {
  const like = asErrorLike(error);
  const name = awsErrorName(error);
  const message = awsErrorMessage(error);
  const code = typeof like.code === 'string' ? like.code : undefined;
  const last = [...attempts].reverse().find((attempt) => attempt.httpStatus !== undefined);
  const statusFromError = like.$metadata?.httpStatusCode ?? like.$response?.statusCode;
  const httpStatus = typeof statusFromError === 'number' ? statusFromError : last?.httpStatus;
  const requestIdFromError = like.$metadata?.requestId;
  const requestId = (typeof requestIdFromError === 'string' && requestIdFromError) || last?.requestId || undefined;

  if (name === 'AbortError') {
    return { kind: 'aborted', errorName: 'AbortError', message, fromRawBody: false };
  }
  if (isUnparsedName(name) && httpStatus !== undefined) {
    const rawText = typeof like.$responseBodyText === 'string' ? like.$responseBodyText : last?.errorBody;
    const body = readErrorBody(rawText);
    if (body.code && isKnownAwsErrorName(body.code)) {
      return { kind: kindOfFailure(body.code, httpStatus), errorName: body.code, message: body.message ?? message, httpStatus, requestId, fromRawBody: true };
    }
    const what = body.title ? `"${body.title}"` : body.code ? `code ${body.code}` : 'a body the SDK could not read';
    const contentType = last?.contentType ? ` (${last.contentType})` : '';
    return {
      kind: 'unparseable',
      errorName: body.code ?? `HTTP ${httpStatus}`,
      message: `The endpoint answered HTTP ${httpStatus}${contentType} with ${what}.${body.message ? ` ${body.message}` : ''}`,
      httpStatus,
      requestId,
      fromRawBody: true,
    };
  }
  const networkCode = networkCodeOf(error);
  return { kind: kindOfFailure(name, httpStatus, code), errorName: networkCode ?? name, message, httpStatus, requestId, fromRawBody: false };
}

/** The offset of the local clock from the server's, from the most recent Date header seen (server − local, ms). */
export function clockOffsetFrom(attempts: readonly AttemptRecord[]): { offsetMs: number; serverDate: string } | undefined {
  for (const attempt of [...attempts].reverse()) {
    if (!attempt.serverDate) continue;
    const server = Date.parse(attempt.serverDate);
    if (Number.isNaN(server)) continue;
    return { offsetMs: server - attempt.receivedAt, serverDate: attempt.serverDate };
  }
  return undefined;
}
