import { Link } from 'react-router';
import { api } from '../api/client';
import { ErrorNotice } from '../ui/ErrorNotice';
import { percent } from '../ui/format';
import { useLoad } from '../ui/useLoad';
import type { SimilarPeoplePage } from '../api/types';
import { FollowButton } from './FollowButton';
import { PersonLink } from './PersonLink';

/** "People like you": others who opted in to taste matching, how close, and up to three titles both liked. */
export function SimilarPeople({ optedIn, version }: { optedIn: boolean; version: number }) {
  const similar = useLoad(optedIn ? `similar-people/${version}` : null, (signal) => api.get<SimilarPeoplePage>('/api/v1/people/similar', { signal }));
  return (
    <section className="panel" aria-labelledby="similar-title">
      <h2 id="similar-title">People like you</h2>
      {!optedIn ? (
        <p className="hint">Turn on “Match me with people of similar taste” above to meet viewers who rate titles as you do.</p>
      ) : (
        <>
          {similar.error && <ErrorNotice message={similar.error} onRetry={similar.reload} />}
          {similar.loading && <p role="status">Looking for people like you…</p>}
          {similar.data && similar.data.items.length === 0 && (
            <p className="hint">Nobody yet. Rate a few more titles: a match needs at least three titles you both rated.</p>
          )}
          {similar.data && similar.data.items.length > 0 && (
            <ul className="people">
              {similar.data.items.map((person) => (
                <li key={person.handle} className="person-card">
                  <div>
                    <PersonLink person={person} />{' '}
                    <span className="match">{percent(person.score)} match</span>
                    {person.shared.length > 0 && (
                      <p className="hint shared">
                        You both liked{' '}
                        {person.shared.map((title, i) => (
                          <span key={title.id}>
                            {i > 0 && (i === person.shared.length - 1 ? ' and ' : ', ')}
                            <Link to={`/title/${encodeURIComponent(title.id)}`}>{title.name}</Link>
                          </span>
                        ))}
                        .
                      </p>
                    )}
                  </div>
                  <FollowButton handle={person.handle} name={person.displayName || person.handle} following={person.isFollowing} />
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </section>
  );
}
