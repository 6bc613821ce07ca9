import type { z } from 'zod';
import type { EventChannel, InvokeChannel } from '../define';

/** Channels of the rotation feature (see PRODUCT.md). */
export const rotationChannels = {} satisfies Record<string, InvokeChannel<z.ZodType, z.ZodType>>;

/** Streams of the rotation feature. */
export const rotationEvents = {} satisfies Record<string, EventChannel<z.ZodType>>;
