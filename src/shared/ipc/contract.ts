import type { z } from 'zod';
import { appChannels, appEvents } from './channels/app';
import { clusterChannels, clusterEvents } from './channels/cluster';
import { demoChannels } from './channels/demo';
import { diagnosisChannels, diagnosisEvents } from './channels/diagnosis';
import { profileChannels, profileEvents } from './channels/profiles';
import { rotationChannels, rotationEvents } from './channels/rotation';
import { ssoChannels, ssoEvents } from './channels/sso';
import type { EventChannel, InvokeChannel } from './define';
import type { Result } from './result';

/**
 * The one IPC contract: every request/response channel, keyed by the method name the
 * preload exposes. The main process registers handlers from this object only.
 */
export const invokeContract = {
  ...appChannels,
  ...profileChannels,
  ...diagnosisChannels,
  ...rotationChannels,
  ...clusterChannels,
  ...demoChannels,
  ...ssoChannels,
} as const;

/** Every main-to-renderer stream, keyed by the subscribe function the preload exposes. */
export const eventContract = {
  ...appEvents,
  ...diagnosisEvents,
  ...profileEvents,
  ...rotationEvents,
  ...clusterEvents,
  ...ssoEvents,
} as const satisfies Record<string, EventChannel<z.ZodType>>;

/** Largest payload the main process accepts from the renderer, in bytes of JSON. */
export const maxPayloadBytes = 256 * 1024;

export type InvokeMethod = keyof typeof invokeContract;
export type EventMethod = keyof typeof eventContract;

type InvokeOf<M extends InvokeMethod> = (typeof invokeContract)[M];
export type RequestOf<M extends InvokeMethod> = z.input<InvokeOf<M>['request']>;
export type ParsedRequestOf<M extends InvokeMethod> = z.output<InvokeOf<M>['request']>;
export type ResponseOf<M extends InvokeMethod> = z.output<InvokeOf<M>['response']>;
export type EventPayloadOf<E extends EventMethod> = z.output<(typeof eventContract)[E]['payload']>;

/** The typed client the preload puts on `window.doctor`: one function per channel. */
export type DoctorApi = {
  [M in InvokeMethod]: (request: RequestOf<M>) => Promise<Result<ResponseOf<M>>>;
} & {
  [E in EventMethod]: (listener: (payload: EventPayloadOf<E>) => void) => () => void;
};

/** The global the preload defines in the renderer. */
export const apiGlobalName = 'doctor';

/** All invoke channel declarations, for registration loops. */
export function invokeEntries(): Array<[InvokeMethod, InvokeChannel<z.ZodType, z.ZodType>]> {
  return Object.entries(invokeContract) as Array<[InvokeMethod, InvokeChannel<z.ZodType, z.ZodType>]>;
}

/** All event channel declarations, for subscription loops. */
export function eventEntries(): Array<[EventMethod, EventChannel<z.ZodType>]> {
  return Object.entries(eventContract) as Array<[EventMethod, EventChannel<z.ZodType>]>;
}
