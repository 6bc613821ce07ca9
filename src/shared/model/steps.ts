import { z } from 'zod';

/** The wizard's steps, in the order they are walked. */
export const stepIds = ['credentials', 'key-health', 'region', 'permissions', 'renew', 'cluster', 'summary'] as const;
export const stepIdSchema = z.enum(stepIds);
export type StepId = z.infer<typeof stepIdSchema>;

/** How bad a cause is: an error stops the user's work, a warning will. */
export const causeSeveritySchema = z.enum(['error', 'warning']);
export type CauseSeverity = z.infer<typeof causeSeveritySchema>;
