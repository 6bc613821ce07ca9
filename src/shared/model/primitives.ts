import { z } from 'zod';

/**
 * Field shapes that more than one channel takes, declared once so the limits cannot drift
 * apart between features.
 */

/**
 * A profile name as a request names it. The AWS tools set no length limit; 256 is generous
 * enough for any real name, so every profile the list shows can also be diagnosed, rotated
 * or signed in with.
 */
export const profileNameSchema = z.string().min(1).max(256);

/** A run id the main process handed out (a UUID). */
export const runIdSchema = z.string().min(1).max(64);
