import { awsErrorMessage, awsErrorName, awsHttpStatus, classifyAwsError, isAuthRejection } from '../aws/error-kinds';

/**
 * The rotation's reading of an AWS error: what it means for a step that may have changed the
 * world. The classification itself is the one in src/core/aws/error-kinds.ts.
 */

export { awsErrorMessage, classifyAwsError } from '../aws/error-kinds';

/** True when a failed call may still have been carried out by AWS, so the world must be re-read. */
export function mayHaveExecuted(error: unknown): boolean {
  const kind = classifyAwsError(error);
  return kind === 'server' || kind === 'network' || kind === 'aborted';
}

/** True when waiting and trying again could help (a new key propagating, throttling, outages). */
export function isWorthRetrying(error: unknown): boolean {
  const kind = classifyAwsError(error);
  return kind === 'key-rejected' || kind === 'signature' || kind === 'incomplete-signature' || kind === 'throttled' || kind === 'server' || kind === 'network';
}

/** True when the key, its signature or its session token was refused. */
export function isAuthRejected(error: unknown): boolean {
  return isAuthRejection(classifyAwsError(error));
}

/** One line for a person: code, status and message. */
export function awsErrorLine(error: unknown): string {
  const status = awsHttpStatus(error);
  return `${awsErrorName(error)}${status !== undefined ? ` (HTTP ${status})` : ''}: ${awsErrorMessage(error)}`;
}
