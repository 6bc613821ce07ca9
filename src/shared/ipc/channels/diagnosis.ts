import type { z } from 'zod';
import type { EventChannel, InvokeChannel } from '../define';

/** Channels of the diagnosis feature (see PRODUCT.md). */
export const diagnosisChannels = {} satisfies Record<string, InvokeChannel<z.ZodType, z.ZodType>>;

/** Streams of the diagnosis feature. */
export const diagnosisEvents = {} satisfies Record<string, EventChannel<z.ZodType>>;
