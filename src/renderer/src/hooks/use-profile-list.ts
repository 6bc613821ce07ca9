import { useEffect, useState } from 'react';
import type { ProfileList } from '../../../shared/model/profile';
import { useApi } from './use-api';

/** The profile list as a page holds it while it loads. */
export type ProfileListLoad = { state: 'loading' } | { state: 'error'; message: string } | { state: 'loaded'; list: ProfileList };

/**
 * The user's profiles from the main process, read again whenever the AWS files change on
 * disk (the main process says so) or the page asks with `reload`. `generation` counts the
 * reads, for child views that must refresh with the list.
 */
export function useProfileList(): { load: ProfileListLoad; generation: number; reload(): void } {
  const api = useApi();
  const [load, setLoad] = useState<ProfileListLoad>({ state: 'loading' });
  const [generation, setGeneration] = useState(0);

  useEffect(() => api.onProfilesChanged(() => setGeneration((value) => value + 1)), [api]);

  useEffect(() => {
    let live = true;
    void api.listProfiles({}).then((result) => {
      if (live) setLoad(result.ok ? { state: 'loaded', list: result.value } : { state: 'error', message: result.error.message });
    });
    return () => {
      live = false;
    };
  }, [api, generation]);

  return { load, generation, reload: () => setGeneration((value) => value + 1) };
}
