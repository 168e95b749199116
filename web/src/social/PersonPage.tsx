import { useState } from 'react';
import { useParams } from 'react-router';
import { useSession } from '../account/session';
import { api, messageOf } from '../api/client';
import { ErrorNotice } from '../ui/ErrorNotice';
import { useLoad } from '../ui/useLoad';
import { isAdultProfile } from './adult';
import { ActivityList } from './ActivityList';
import type { PersonView } from '../api/types';
import { FollowButton } from './FollowButton';
import { KidsNotice } from './KidsNotice';

/** /people/:handle: a person's public page, with follow, block and mute, and what they share. */
export default function PersonPage() {
  const { handle = '' } = useParams();
  const session = useSession();
  const adult = isAdultProfile(session.profile);
  const person = useLoad(adult ? `person/${handle}/${session.profile?.id ?? ''}` : null, (signal) =>
    api.get<PersonView>(`/api/v1/people/${encodeURIComponent(handle)}`, { signal }),
  );
  const [error, setError] = useState<string | null>(null);
  if (!adult) return <KidsNotice />;
  if (person.status === 404) {
    return (
      <main className="page" id="main">
        <h1>Nobody here</h1>
        <p>There is no one called @{handle}, or you cannot see each other.</p>
      </main>
    );
  }
  const view = person.data;
  const name = view ? view.displayName || view.handle : handle;

  async function toggle(relation: 'blocks' | 'mutes', on: boolean) {
    if (!view) return;
    if (relation === 'blocks' && !on && !window.confirm(`Block ${name}? You will no longer see each other, and follows between you end.`)) return;
    setError(null);
    try {
      const path = `/api/v1/${relation}/${encodeURIComponent(view.handle)}`;
      if (on) await api.delete(path);
      else await api.put(path);
      person.setData({ ...view, ...(relation === 'blocks' ? { isBlocked: !on, isFollowing: false } : { isMuted: !on }) });
    } catch (failure) {
      setError(messageOf(failure));
    }
  }

  return (
    <main className="page person-page" id="main">
      {person.error && <ErrorNotice message={person.error} onRetry={person.reload} />}
      {!view && person.loading && <p role="status">Loading…</p>}
      {view && (
        <>
          <h1>
            {name} <span className="person-handle">@{view.handle}</span>
          </h1>
          {view.bio && <p className="bio">{view.bio}</p>}
          <p className="hint">
            {view.followers === 1 ? '1 follower' : `${view.followers} followers`} · following {view.following}
          </p>
          {!view.isMe && (
            <div className="row-actions">
              {!view.isBlocked && (
                <FollowButton
                  key={String(view.isFollowing)}
                  handle={view.handle}
                  name={name}
                  following={view.isFollowing}
                  onChange={(following) => person.setData({ ...view, isFollowing: following, followers: Math.max(0, view.followers + (following ? 1 : -1)) })}
                />
              )}
              <button type="button" className="button" aria-pressed={view.isMuted} onClick={() => void toggle('mutes', view.isMuted)}>
                {view.isMuted ? 'Unmute' : 'Mute'}
              </button>
              <button type="button" className="button button-danger" aria-pressed={view.isBlocked} onClick={() => void toggle('blocks', view.isBlocked)}>
                {view.isBlocked ? 'Unblock' : 'Block'}
              </button>
            </div>
          )}
          {error && <ErrorNotice message={error} />}
          <section aria-labelledby="activity-title">
            <h2 id="activity-title">Recent activity</h2>
            {!view.sharesActivity ? (
              <p className="hint">{view.isMe ? 'You do not share your activity. Turn it on under People.' : `${name} keeps their ratings and comments to themselves.`}</p>
            ) : view.activity.length === 0 ? (
              <p className="hint">Nothing yet.</p>
            ) : (
              <ActivityList items={view.activity} label={`Recent activity of ${name}`} />
            )}
          </section>
        </>
      )}
    </main>
  );
}
