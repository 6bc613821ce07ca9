/**
 * Errors travel as data: a handler's failure reaches the renderer as a code the UI can act
 * on and a message a person can read, never as a thrown Error with a stack.
 */
export const ipcErrorCodes = [
  'invalid-payload',
  'unknown-channel',
  'payload-too-large',
  'forbidden-sender',
  'not-found',
  'conflict',
  'refused',
  'cancelled',
  'aws-error',
  'internal',
] as const;

export type IpcErrorCode = (typeof ipcErrorCodes)[number];

export interface IpcError {
  code: IpcErrorCode;
  message: string;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: IpcError };

/** Wraps a value as a successful result. */
export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

/** Wraps a code and message as a failed result. */
export function fail<T = never>(code: IpcErrorCode, message: string): Result<T> {
  return { ok: false, error: { code, message } };
}

/**
 * Thrown inside main-process handlers to choose the error code the renderer sees;
 * anything else thrown becomes `internal` with its message only.
 */
export class IpcFailure extends Error {
  constructor(
    readonly code: IpcErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'IpcFailure';
  }
}
