import { z } from 'zod';
import { invoke } from '../define';

/** A scenario the demo offers, as the Start page lists it. */
export const demoPresetSchema = z.object({
  preset: z.string(),
  profile: z.string(),
  description: z.string(),
  expectedRootCause: z.string().nullable(),
  cluster: z.string().optional(),
  user: z.string().optional(),
  signIn: z.enum(['password', 'iam']).optional(),
});
export type DemoPreset = z.infer<typeof demoPresetSchema>;

export const demoStatusSchema = z.object({ active: z.boolean(), presets: z.array(demoPresetSchema) });
export type DemoStatus = z.infer<typeof demoStatusSchema>;

/** Channels of the demo mode: the wizard against the local simulator's presets. */
export const demoChannels = {
  startDemo: invoke('demo:start', z.object({}).strict(), demoStatusSchema),
  stopDemo: invoke('demo:stop', z.object({}).strict(), demoStatusSchema),
  getDemoStatus: invoke('demo:status', z.object({}).strict(), demoStatusSchema),
};
