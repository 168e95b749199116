import { useEffect } from 'react';
import { useSession } from '../account/session';
import { hasDownloads } from '../offline/hint';

/**
 * The app's check-in with the origin for this browser's downloads: at start (for the profile), and whenever the
 * network returns. Licences the origin ended lose their bytes here, positions played offline are sent, and
 * downloads that were running carry on. Loads the offline module only in a browser that has downloaded something.
 */
export function OfflineSync() {
  const profileId = useSession().profile?.id;
  useEffect(() => {
    if (!profileId || !hasDownloads()) return;
    import('../offline/manager')
      .then((manager) => {
        manager.listenForNetwork();
        return manager.startup(profileId);
      })
      .catch(() => undefined);
  }, [profileId]);
  return null;
}
