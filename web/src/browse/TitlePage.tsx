import { lazy, Suspense, useState } from 'react';
import { Link, useLocation, useParams } from 'react-router';
import { api, messageOf } from '../api/client';
import type { EpisodeView, Plan, ProgressList, TitleSummary, TitleView } from '../api/types';
import { useSession } from '../account/session';
import { ErrorNotice } from '../ui/ErrorNotice';
import { formatTime, maturityLabel } from '../ui/format';
import { useLoad } from '../ui/useLoad';
import { MoreLikeThis } from './MoreLikeThis';
import { Thumbs } from './Thumbs';
import { isAdultProfile } from '../social/adult';
import { WatchTogether } from '../party/WatchTogether';
import { AddToList } from '../lists/AddToList';
import { ShareMenu } from '../share/ShareMenu';
import { titleShareUrl } from '../share/shareLinks';
import { startTimeOf } from '../share/startTime';

// The conversation under a title is fetched with its own code once the page shows, so the page does not wait for it.
const Conversation = lazy(() => import('../social/Conversation'));
// The same for the download controls (the offline module itself loads only once something is downloaded).
const DownloadButton = lazy(() => import('../downloads/DownloadControl').then((m) => ({ default: m.DownloadButton })));
const SeasonDownloadButton = lazy(() => import('../downloads/DownloadControl').then((m) => ({ default: m.SeasonDownloadButton })));

function unavailableText(status: number | null, message: string): { heading: string; body: string } {
  switch (status) {
    case 451:
      return { heading: 'Not available in your region', body: message };
    case 403:
      return { heading: 'Not available on this profile', body: message };
    case 404:
      return { heading: 'Title not found', body: 'This title does not exist or is no longer published.' };
    default:
      return { heading: 'This title could not be loaded', body: message };
  }
}

export function TitlePage() {
  const { id = '' } = useParams();
  const session = useSession();
  const location = useLocation();
  // Sent here by the player when it was refused (start-time links too): the refusal's sentence, and the time and the
  // episode the link was for, kept for the Play button.
  const refusal = (location.state as { refusal?: string } | null)?.refusal ?? null;
  const start = startTimeOf(location.search);
  const watchId = new URLSearchParams(location.search).get('watch');
  const title = useLoad(`title/${id}`, (signal) => api.get<TitleView>(`/api/v1/titles/${encodeURIComponent(id)}`, { signal }));
  const progress = useLoad(`progress/${id}/${session.profile?.id ?? ''}`, (signal) =>
    api.get<ProgressList>(`/api/v1/progress/${encodeURIComponent(id)}`, { signal }),
  );
  const plans = useLoad('plans', (signal) => api.get<Plan[]>('/api/v1/plans', { signal }));
  const myList = useLoad(`my-list/${session.profile?.id ?? ''}`, (signal) => api.get<TitleSummary[]>('/api/v1/my-list', { signal }));

  if (title.loading && !title.data) {
    return (
      <main className="page" id="main">
        <p role="status">Loading…</p>
      </main>
    );
  }
  if (title.error || !title.data) {
    const text = unavailableText(title.status, title.error ?? '');
    return (
      <main className="page" id="main">
        <div className="unavailable" role="alert">
          <h1>{text.heading}</h1>
          <p>{text.body}</p>
          {title.status && title.status >= 500 && (
            <button type="button" className="button" onClick={title.reload}>
              Try again
            </button>
          )}
          <Link className="button" to="/">
            Back to home
          </Link>
        </div>
      </main>
    );
  }

  const view = title.data;
  const items = progress.data?.items ?? [];
  const plan = plans.data?.find((p) => p.id === session.account?.plan);
  const needsPlan = view.access === 'subscription' && plan !== undefined && !plan.fullCatalog;
  // Downloads are offered on plans that have them; the origin still decides (device limit, region, maturity).
  const downloadHeight = plan && (plan.downloadDevices ?? 0) > 0 && !needsPlan ? (plan.maxHeight ?? 1080) : null;
  const episodes = view.seasons.flatMap((s) => s.episodes);
  const latest = items.find((item) => !item.finished);
  const playable = view.kind === 'series' ? episodes.find((e) => e.media.status === 'ready') : view.status === 'ready' ? view : undefined;
  const resumeEpisode = episodes.find((e) => e.id === latest?.playbackId);
  const inList = myList.data?.some((t) => t.id === view.id) ?? false;
  const sharing = (
    <>
      <ShareMenu url={titleShareUrl(window.location.origin, view.slug || view.id)} text={view.title} />
      <AddToList titleId={view.id} titleName={view.title} />
    </>
  );
  const startId = watchId && (watchId === view.id || episodes.some((e) => e.id === watchId)) ? watchId : playable?.id;

  return (
    <main className="page title-page" id="main">
      <div className="title-hero">
        <div className="title-art">
          {view.poster ? (
            <img src={view.poster} alt={`Poster of ${view.title}`} width={640} height={360} />
          ) : (
            <span className="poster-fallback" aria-hidden="true">
              {view.title}
            </span>
          )}
        </div>
        <div className="title-info">
          <h1>{view.title}</h1>
          <p className="title-meta">
            {view.year && <span>{view.year}</span>}
            <span className="rating" aria-label={`Rated ${maturityLabel(view.maturityRating)}`}>
              {maturityLabel(view.maturityRating)}
            </span>
            {view.runtimeMinutes && <span>{view.runtimeMinutes} min</span>}
            {view.kind === 'series' && <span>{view.seasons.length === 1 ? '1 season' : `${view.seasons.length} seasons`}</span>}
            <span className={`tag ${view.access === 'free' ? 'tag-free' : ''}`}>{view.access === 'free' ? 'Free' : 'With a plan'}</span>
          </p>
          <p className="genres">{view.genres.join(' · ')}</p>
          <p className="synopsis">{view.synopsis}</p>
          {refusal && (
            <div className="notice notice-error" role="alert">
              <p>{refusal}</p>
            </div>
          )}
          {needsPlan ? (
            <div className="notice" role="note">
              <p>Your {plan?.name} plan does not include this title.</p>
              <Link className="button button-primary" to="/account#plan">
                Change plan
              </Link>
              <div className="row-actions">{sharing}</div>
            </div>
          ) : (
            <div className="row-actions">
              {playable && start !== null && startId ? (
                <Link className="button button-primary" to={`/watch/${encodeURIComponent(startId)}?title=${encodeURIComponent(view.id)}&t=${start}`}>
                  ▶ Play from {formatTime(start)}
                </Link>
              ) : playable && latest ? (
                <Link className="button button-primary" to={`/watch/${encodeURIComponent(latest.playbackId)}?title=${encodeURIComponent(view.id)}`}>
                  ▶ Resume{resumeEpisode ? ` episode ${resumeEpisode.number}` : ''} from {formatTime(latest.positionSeconds)}
                </Link>
              ) : playable ? (
                <Link className="button button-primary" to={`/watch/${encodeURIComponent(playable.id)}?title=${encodeURIComponent(view.id)}`}>
                  ▶ Play{view.kind === 'series' && 'number' in playable ? ` episode ${playable.number}` : ''}
                </Link>
              ) : (
                <p className="notice">
                  {view.status === 'processing' ? 'This title is still being prepared. Check back in a few minutes.' : 'This title cannot be played yet.'}
                </p>
              )}
              {view.kind !== 'series' && playable && <WatchTogether playableId={view.id} />}
              {view.kind !== 'series' && playable && downloadHeight !== null && (
                <Suspense fallback={null}>
                  <DownloadButton title={view} maxHeight={downloadHeight} />
                </Suspense>
              )}
              <MyListButton titleId={view.id} inList={inList} onChange={myList.reload} />
              {sharing}
              {session.profile && <Thumbs titleId={view.id} titleName={view.title} withReview={isAdultProfile(session.profile)} />}
            </div>
          )}
          {view.credits.length > 0 && (
            <dl className="credits">
              {groupCredits(view).map(([role, names]) => (
                <div key={role}>
                  <dt>{role}</dt>
                  <dd>{names.join(', ')}</dd>
                </div>
              ))}
            </dl>
          )}
        </div>
      </div>
      {view.kind === 'series' && <Episodes view={view} progress={items} locked={needsPlan} downloadHeight={downloadHeight} />}
      <MoreLikeThis titleId={view.id} profileId={session.profile?.id ?? ''} />
      {isAdultProfile(session.profile) && (
        <Suspense fallback={null}>
          <Conversation key={`${view.id}/${session.profile?.id ?? ''}`} view={view} />
        </Suspense>
      )}
    </main>
  );
}

function groupCredits(view: TitleView): [string, string[]][] {
  const groups = new Map<string, string[]>();
  for (const credit of view.credits) {
    const role = credit.role.charAt(0).toUpperCase() + credit.role.slice(1);
    const name = credit.character ? `${credit.name} (${credit.character})` : credit.name;
    groups.set(role, [...(groups.get(role) ?? []), name]);
  }
  return [...groups.entries()];
}

function MyListButton({ titleId, inList, onChange }: { titleId: string; inList: boolean; onChange: () => void }) {
  const [error, setError] = useState<string | null>(null);
  async function toggle() {
    setError(null);
    try {
      if (inList) await api.delete(`/api/v1/my-list/${encodeURIComponent(titleId)}`);
      else await api.put(`/api/v1/my-list/${encodeURIComponent(titleId)}`);
      onChange();
    } catch (reason) {
      setError(messageOf(reason));
    }
  }
  return (
    <>
      <button type="button" className="button" aria-pressed={inList} onClick={() => void toggle()}>
        {inList ? '✓ In My List' : '+ My List'}
      </button>
      {error && <ErrorNotice message={error} />}
    </>
  );
}

function Episodes({ view, progress, locked, downloadHeight }: { view: TitleView; progress: ProgressList['items']; locked: boolean; downloadHeight: number | null }) {
  const [seasonId, setSeasonId] = useState(view.seasons[0]?.id ?? '');
  const season = view.seasons.find((s) => s.id === seasonId) ?? view.seasons[0];
  if (!season) return null;
  return (
    <section className="episodes" aria-labelledby="episodes-title">
      <div className="episodes-head">
        <h2 id="episodes-title">Episodes</h2>
        {downloadHeight !== null && (
          <Suspense fallback={null}>
            <SeasonDownloadButton title={view} seasonId={season.id} maxHeight={downloadHeight} />
          </Suspense>
        )}
        {view.seasons.length > 1 && (
          <select aria-label="Season" value={season.id} onChange={(e) => setSeasonId(e.target.value)}>
            {view.seasons.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name || `Season ${s.number}`}
              </option>
            ))}
          </select>
        )}
      </div>
      <ol className="episode-list">
        {season.episodes.map((episode) => (
          <EpisodeItem key={episode.id} series={view} episode={episode} progress={progress.find((p) => p.playbackId === episode.id)} locked={locked} downloadHeight={downloadHeight} />
        ))}
      </ol>
    </section>
  );
}

interface EpisodeItemProps {
  series: TitleView;
  episode: EpisodeView;
  progress: ProgressList['items'][number] | undefined;
  locked: boolean;
  downloadHeight: number | null;
}

function EpisodeItem({ series, episode, progress, locked, downloadHeight }: EpisodeItemProps) {
  const seriesId = series.id;
  const ready = episode.media.status === 'ready' && !locked;
  const watched = progress && progress.durationSeconds > 0 ? Math.min(1, progress.positionSeconds / progress.durationSeconds) : 0;
  const body = (
    <>
      <span className="episode-number">{episode.number}</span>
      <span className="episode-text">
        <span className="episode-name">{episode.name}</span>
        <span className="episode-synopsis">{episode.synopsis}</span>
        {watched > 0 && (
          <span className="watched" aria-label={`${Math.round(watched * 100)}% watched`}>
            <span style={{ width: `${Math.round(watched * 100)}%` }} />
          </span>
        )}
      </span>
      {episode.runtimeMinutes && <span className="episode-runtime">{episode.runtimeMinutes} min</span>}
    </>
  );
  return (
    <li className="episode-item">
      {ready ? (
        <Link className="episode" to={`/watch/${encodeURIComponent(episode.id)}?title=${encodeURIComponent(seriesId)}`} aria-label={`Play episode ${episode.number}: ${episode.name}`}>
          {body}
        </Link>
      ) : (
        <div className="episode episode-disabled">{body}</div>
      )}
      {ready && <WatchTogether playableId={episode.id} label={`Watch episode ${episode.number} together`} className="button button-small episode-together" />}
      {ready && downloadHeight !== null && (
        <Suspense fallback={null}>
          <DownloadButton title={series} episode={episode} maxHeight={downloadHeight} />
        </Suspense>
      )}
    </li>
  );
}
