import type { z } from 'zod';
import type { EventChannel, InvokeChannel } from '../define';

/** Channels of the cluster feature (see PRODUCT.md). */
export const clusterChannels = {} satisfies Record<string, InvokeChannel<z.ZodType, z.ZodType>>;

/** Streams of the cluster feature. */
export const clusterEvents = {} satisfies Record<string, EventChannel<z.ZodType>>;
