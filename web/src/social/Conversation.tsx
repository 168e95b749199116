import { useCallback, useState } from 'react';
import type { TitleView } from '../api/types';
import { Comments } from './Comments';
import { Reviews } from './Reviews';

/**
 * The talk about a title under its page: short reviews beside the comments. On a series the comments can be about the
 * whole series or one episode. Loaded on demand (the title page's first paint does not wait for it), and absent when
 * the origin refuses it: kids profiles, titles this viewer may not watch.
 */
export default function Conversation({ view }: { view: TitleView }) {
  const [refused, setRefused] = useState(false);
  const [about, setAbout] = useState(view.id);
  const refuse = useCallback(() => setRefused(true), []);
  if (refused) return null;
  const episodes = view.seasons.flatMap((season) => season.episodes.map((episode) => ({ season, episode })));

  return (
    <section className="conversation" aria-labelledby="conversation-title">
      <h2 id="conversation-title">Conversation</h2>
      <div className="conversation-grid">
        <div>
          {episodes.length > 0 && (
            <div className="field about">
              <label htmlFor="conversation-about">Comments about</label>
              <select id="conversation-about" value={about} onChange={(e) => setAbout(e.target.value)}>
                <option value={view.id}>The whole series</option>
                {episodes.map(({ season, episode }) => (
                  <option key={episode.id} value={episode.id}>
                    {`S${season.number} E${episode.number}: ${episode.name}`}
                  </option>
                ))}
              </select>
            </div>
          )}
          <Comments key={about} titleId={about} onRefused={refuse} />
        </div>
        <Reviews titleId={view.id} />
      </div>
    </section>
  );
}
