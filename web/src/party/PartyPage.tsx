import { useEffect, useRef } from 'react';
import { Link, useLocation, useParams } from 'react-router';
import { api } from '../api/client';
import { Player, type PartyBinding } from '../player/PlayerPage';
import { Shell } from '../ui/Shell';
import { useLoad } from '../ui/useLoad';
import { lockedHint, playableName, stateWord } from './labels';
import { PartyPanel } from './PartyPanel';
import type { PartyView } from './types';
import { useParty, type PartySession } from './useParty';

/** /party/{id}: the invite (what is on, who is there, whether you may watch), then the party's player. */
export default function PartyPage() {
  const { id = '' } = useParams();
  const loaded = useLoad(`party/${id}`, (signal) => api.get<PartyView>(`/api/v1/parties/${encodeURIComponent(id)}`, { signal }));
  const session = useParty(id, loaded.data);

  if (session.phase === 'joined' && session.party) return <PartyPlayer session={session} />;
  return (
    <Shell>
      <main className="page party-invite" id="main">
        {loaded.loading && !loaded.data ? (
          <p role="status">Loading the party…</p>
        ) : loaded.error || !session.party ? (
          <div className="unavailable" role="alert">
            <h1>{loaded.status === 410 ? 'This party is over' : loaded.status === 404 ? 'Party not found' : 'The party could not be opened'}</h1>
            <p>{loaded.error}</p>
            <Link className="button" to="/">
              Back to home
            </Link>
          </div>
        ) : (
          <Invite session={session} />
        )}
      </main>
    </Shell>
  );
}

function Invite({ session }: { session: PartySession }) {
  const party = session.party!;
  const you = party.you;
  const refusal = session.refusal ?? (you && !you.allowed ? { status: you.status ?? 403, title: you.title ?? 'You cannot join', detail: you.detail ?? '' } : null);
  // A viewer who may not watch still knocks, once: the party hears who could not join and why (never where from).
  const knocked = useRef(false);
  const { join } = session;
  const mayWatch = you?.allowed ?? false;
  // The host arrives from "Watch together" and is in at once; everyone else says so with the button.
  const starting = (useLocation().state as { join?: boolean } | null)?.join === true;
  useEffect(() => {
    if (!you || knocked.current || session.phase !== 'invite') return;
    if (!you.allowed || starting) {
      knocked.current = true;
      void join();
    }
  }, [you, join, starting, session.phase]);

  return (
    <div className="party-invite-card">
      <p className="party-kicker">Watch party</p>
      <h1>{playableName(party)}</h1>
      <p className="hint">
        Hosted by {party.host.name} · {party.members.length} of {party.maxMembers} here
      </p>
      {party.members.length > 0 && (
        <ul className="party-members" aria-label="Who is here">
          {party.members.map((m) => (
            <li key={m.memberId} className="party-member">
              <span className="party-member-name">{m.name}</span>
              <span className="party-member-tags">
                {m.host && <span className="tag">Host</span>}
                <span className={`party-state party-state-${m.state}`}>{stateWord(m.state)}</span>
              </span>
            </li>
          ))}
        </ul>
      )}
      {refusal && (session.phase !== 'invite' || !mayWatch) ? (
        <div className="unavailable party-refusal" role="alert">
          <h2>{refusal.title}</h2>
          <p>{refusal.detail}</p>
          {session.phase !== 'ended' && (
            <Link className="button" to={`/title/${encodeURIComponent(party.playable.titleId)}`}>
              See the title
            </Link>
          )}
        </div>
      ) : (
        <div className="row-actions">
          <button type="button" className="button button-primary" disabled={session.phase === 'joining'} onClick={() => void session.join()}>
            {session.phase === 'joining' ? 'Joining…' : 'Join the party'}
          </button>
        </div>
      )}
      {session.error && (
        <p className="field-error" role="alert">
          {session.error}
        </p>
      )}
    </div>
  );
}

function PartyPlayer({ session }: { session: PartySession }) {
  const party = session.party!;
  const hint = lockedHint(party, session.memberId);
  const binding: PartyBinding = {
    startAt: session.startAt,
    onVideo: session.setMedia,
    play: session.play,
    pause: session.pause,
    seek: session.seek,
    next: hint === null && party.playable.episodeLabel ? session.next : null,
    lockedHint: hint,
    blocked: session.blocked,
    unblock: session.unblock,
    aside: <PartyPanel session={session} />,
  };
  return <Player id={party.state.playableId} titleId={party.playable.titleId} party={binding} />;
}
