import { useState } from 'react';
import { useSession } from '../account/session';
import { api } from '../api/client';
import { ErrorNotice } from '../ui/ErrorNotice';
import { useLoad } from '../ui/useLoad';
import { isAdultProfile } from './adult';
import { KidsNotice } from './KidsNotice';
import { PeopleList } from './PeopleList';
import { PublicProfileForm } from './PublicProfileForm';
import { SimilarPeople } from './SimilarPeople';
import type { SocialMeView } from '../api/types';

/** /people: the profile's public face, people of similar taste, and whom it follows, blocks and mutes. */
export default function PeoplePage() {
  const session = useSession();
  const adult = isAdultProfile(session.profile);
  const me = useLoad(adult ? `social-me/${session.profile?.id ?? ''}` : null, (signal) => api.get<SocialMeView>('/api/v1/social/me', { signal }));
  // Bumped on save: the lists and matches follow the switches just changed.
  const [version, setVersion] = useState(0);
  if (!adult) return <KidsNotice />;

  return (
    <main className="page people-page" id="main">
      <h1>People</h1>
      {me.error && <ErrorNotice message={me.error} onRetry={me.reload} />}
      {me.loading && !me.data && <p role="status">Loading…</p>}
      {me.data && (
        <div className="people-grid">
          <PublicProfileForm
            key={session.profile?.id}
            me={me.data}
            onSaved={(saved) => {
              me.setData(saved);
              setVersion(version + 1);
            }}
          />
          {me.data.handle && (
            <div>
              <SimilarPeople optedIn={me.data.tasteMatching} version={version} />
              <div className="people-columns">
                <PeopleList title="Following" source="/api/v1/following" empty="You follow nobody yet." version={version} undo={{ label: 'Unfollow', path: (h) => `/api/v1/following/${encodeURIComponent(h)}` }} />
                <PeopleList title="Followers" source="/api/v1/followers" empty="Nobody follows you yet." version={version} />
                <PeopleList title="Blocked" source="/api/v1/blocks" empty="You have blocked nobody." version={version} undo={{ label: 'Unblock', path: (h) => `/api/v1/blocks/${encodeURIComponent(h)}` }} />
                <PeopleList title="Muted" source="/api/v1/mutes" empty="You have muted nobody." version={version} undo={{ label: 'Unmute', path: (h) => `/api/v1/mutes/${encodeURIComponent(h)}` }} />
              </div>
            </div>
          )}
        </div>
      )}
    </main>
  );
}
