import type { HostEnvironment } from '../../../core/host';

/**
 * The host the handlers act on, read at each call: the user's own, or the demo's while a
 * demo runs. Swapping it never changes a HostEnvironment, so a run that already started
 * keeps the host it started with.
 */
export interface ActiveHost {
  current(): HostEnvironment;
  /** The user's own host, whatever is active. */
  readonly user: HostEnvironment;
  /** Acts on `host` from now on; `null` goes back to the user's own. */
  use(host: HostEnvironment | null): void;
}

/** An ActiveHost that starts on the user's own host. */
export function createActiveHost(user: HostEnvironment): ActiveHost {
  let replacement: HostEnvironment | null = null;
  return {
    current: () => replacement ?? user,
    user,
    use(host) {
      replacement = host;
    },
  };
}
