import { Link, useParams } from 'react-router';
import { api } from '../api/client';
import { useSession } from '../account/session';
import { PosterCard } from '../browse/PosterCard';
import { ErrorNotice } from '../ui/ErrorNotice';
import { Shell } from '../ui/Shell';
import { useLoad } from '../ui/useLoad';
import type { PublicList } from './types';

/**
 * A public list at /list/{id}, for anyone with its link, signed in or not: its name, whose it is (the profile's
 * name) and its titles. A private or unknown list is one page: nothing tells them apart.
 */
export default function PublicListPage() {
  const session = useSession();
  const signedIn = session.account !== null && session.account !== undefined && session.profile !== null && session.profile !== undefined;
  const content = <ListContent />;
  if (signedIn) return <Shell>{content}</Shell>;
  return (
    <>
      <header className="topbar">
        <Link to="/" className="brand" aria-label="Marquee home">
          Marquee
        </Link>
        <nav aria-label="Main" className="topbar-end">
          <Link to="/signin">Sign in</Link>
          <Link to="/signup">Create an account</Link>
        </nav>
      </header>
      {content}
    </>
  );
}

function ListContent() {
  const { id = '' } = useParams();
  const session = useSession();
  const list = useLoad(`public-list/${id}/${session.profile?.id ?? ''}`, (signal) => api.get<PublicList>(`/api/v1/lists/${encodeURIComponent(id)}`, { signal }));

  if (list.status === 404) {
    return (
      <main className="page" id="main">
        <div className="unavailable" role="alert">
          <h1>This list is private or does not exist</h1>
          <p>Its owner may have made it private or deleted it, or the link is mistyped.</p>
          <Link className="button" to="/">
            Go to Marquee
          </Link>
        </div>
      </main>
    );
  }
  if (list.error) {
    return (
      <main className="page" id="main">
        <ErrorNotice message={list.error} onRetry={list.reload} />
      </main>
    );
  }
  if (!list.data) {
    return (
      <main className="page" id="main">
        <p role="status">Loading…</p>
      </main>
    );
  }
  const view = list.data;
  return (
    <main className="page public-list" id="main">
      <h1>{view.name}</h1>
      <p className="hint">A list by {view.owner}</p>
      {view.items.length === 0 ? (
        <p>There is nothing in this list that you can watch here.</p>
      ) : (
        <ul className="grid">
          {view.items.map((title) => (
            <li key={title.id}>
              <PosterCard title={{ ...title, resume: null }} />
            </li>
          ))}
        </ul>
      )}
    </main>
  );
}
