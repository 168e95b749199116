import { useState } from 'react';
import { Link } from 'react-router';
import { useSession } from '../account/session';
import { api, messageOf, query } from '../api/client';
import { ErrorNotice } from '../ui/ErrorNotice';
import { useLoad } from '../ui/useLoad';
import { isAdultProfile } from './adult';
import { ActivityList } from './ActivityList';
import type { FeedItem, FeedPage as Page } from '../api/types';
import { KidsNotice } from './KidsNotice';

/** /feed: what the people this profile follows rated, reviewed and said lately, newest first. */
export default function FeedPage() {
  const session = useSession();
  const adult = isAdultProfile(session.profile);
  const first = useLoad(adult ? `feed/${session.profile?.id ?? ''}` : null, (signal) => api.get<Page>('/api/v1/feed', { signal }));
  const [more, setMore] = useState<{ items: FeedItem[]; next: string | null } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  if (!adult) return <KidsNotice />;

  const items = [...(first.data?.items ?? []), ...(more?.items ?? [])];
  const next = more ? more.next : (first.data?.next ?? null);

  async function loadMore() {
    if (!next) return;
    setBusy(true);
    setError(null);
    try {
      const page = await api.get<Page>(`/api/v1/feed${query({ cursor: next })}`);
      setMore({ items: [...(more?.items ?? []), ...page.items], next: page.next });
    } catch (failure) {
      setError(messageOf(failure));
    } finally {
      setBusy(false);
    }
  }

  return (
    <main className="page feed-page" id="main">
      <h1>Feed</h1>
      {first.error && <ErrorNotice message={first.error} onRetry={first.reload} />}
      {first.loading && <p role="status">Loading…</p>}
      {first.data && items.length === 0 && (
        <p className="hint">
          Nothing here yet. Follow people on the <Link to="/people">People page</Link> to see what they watch and say.
        </p>
      )}
      {items.length > 0 && <ActivityList items={items} label="Feed" />}
      {error && <ErrorNotice message={error} />}
      {next && (
        <button type="button" className="button" disabled={busy} onClick={() => void loadMore()}>
          More
        </button>
      )}
    </main>
  );
}
