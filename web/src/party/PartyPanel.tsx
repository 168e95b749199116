import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { api, messageOf } from '../api/client';
import { reactionWord, reactionWords, stateWord, me } from './labels';
import type { PartySession } from './useParty';
import type { MemberView } from './types';

const chatLimit = 500;

/** Beside the picture: who is here and how they are doing, the invite, chat, reactions, and the host's controls. */
export function PartyPanel({ session }: { session: PartySession }) {
  const party = session.party;
  if (!party) return null;
  const mine = me(party, session.memberId);
  const isHost = mine?.host ?? false;
  return (
    <aside className="party-panel" aria-label="Watch party">
      <h2 className="party-heading">Watch party</h2>
      {session.connection === 'reconnecting' && (
        <p className="notice party-reconnecting" role="status">
          Reconnecting to the party… the video carries on meanwhile.
        </p>
      )}
      <Members session={session} isHost={isHost} />
      <Invite url={party.inviteUrl} />
      <Notices session={session} />
      <Chat session={session} />
      <Reactions session={session} />
      {isHost && <HostControls session={session} />}
    </aside>
  );
}

function Members({ session, isHost }: { session: PartySession; isHost: boolean }) {
  const party = session.party!;
  const rows: MemberView[] = [...party.members, ...session.departed.filter((d) => !party.members.some((m) => m.memberId === d.memberId))];
  return (
    <section aria-labelledby="party-members">
      <h3 id="party-members">
        Members ({party.members.length} of {party.maxMembers})
      </h3>
      <ul className="party-members">
        {rows.map((member) => {
          const left = !party.members.some((m) => m.memberId === member.memberId);
          const state = left ? 'left' : member.state;
          return (
            <li key={member.memberId} className={`party-member party-member-${state}`} data-member={member.name}>
              <span className="party-member-name">
                {member.name}
                {member.memberId === session.memberId && ' (you)'}
              </span>
              <span className="party-member-tags">
                {member.host && <span className="tag">Host</span>}
                {member.controller && party.control === 'host' && <span className="tag">Controls</span>}
                <span className={`party-state party-state-${state}`}>{stateWord(state)}</span>
                {member.memberId === session.memberId && session.sync.driftMs !== null && !left && (
                  <span className="party-drift" title="How far your picture is from the party's">
                    {Math.abs(session.sync.driftMs) < 1000 ? `${Math.round(session.sync.driftMs)} ms` : `${(session.sync.driftMs / 1000).toFixed(1)} s`}
                  </span>
                )}
              </span>
              {isHost && !left && party.control === 'host' && !member.controller && (
                <button type="button" className="button-link party-give" onClick={() => session.setControl('host', member.memberId)}>
                  Give control to {member.name}
                </button>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}

function Invite({ url }: { url: string }) {
  const id = useId();
  const [copied, setCopied] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);
  async function copy() {
    try {
      await navigator.clipboard.writeText(url);
      setCopied('Invite link copied.');
    } catch {
      // No clipboard access (an insecure page, or refused): select it for the viewer to copy.
      input.current?.select();
      setCopied('Press Ctrl+C (or ⌘C) to copy the selected link.');
    }
  }
  return (
    <section className="party-invite-link">
      <label htmlFor={`${id}-invite`}>Invite link</label>
      <div className="party-row">
        <input id={`${id}-invite`} ref={input} readOnly value={url} onFocus={(e) => e.currentTarget.select()} />
        <button type="button" className="button button-small" onClick={() => void copy()}>
          Copy
        </button>
      </div>
      <p className="hint" role="status">
        {copied ?? ''}
      </p>
    </section>
  );
}

function HostControls({ session }: { session: PartySession }) {
  const party = session.party!;
  const navigate = useNavigate();
  const [ending, setEnding] = useState<string | null>(null);
  async function end() {
    try {
      await api.delete(`/api/v1/parties/${encodeURIComponent(party.id)}`);
      navigate(`/title/${encodeURIComponent(party.playable.titleId)}`);
    } catch (reason) {
      setEnding(messageOf(reason));
    }
  }
  return (
    <section className="party-host" aria-labelledby="party-host">
      <h3 id="party-host">Host controls</h3>
      <fieldset className="party-control-mode">
        <legend>Who controls playback</legend>
        <label className="check">
          <input type="radio" name="party-control" checked={party.control === 'host'} onChange={() => session.setControl('host', null)} />
          The host
        </label>
        <label className="check">
          <input type="radio" name="party-control" checked={party.control === 'everyone'} onChange={() => session.setControl('everyone', null)} />
          Everyone
        </label>
      </fieldset>
      <label className="check">
        <input type="checkbox" checked={party.waitForAll} onChange={(e) => session.setWaitForAll(e.target.checked)} />
        Wait for everyone before playing
      </label>
      <div className="row-actions">
        {party.control === 'host' && session.memberId !== null && party.controllerId !== session.memberId && (
          <button type="button" className="button button-small" onClick={() => session.setControl('host', session.memberId)}>
            Take back control
          </button>
        )}
        <button type="button" className="button button-danger button-small" onClick={() => void end()}>
          End party
        </button>
      </div>
      {ending && (
        <p className="field-error" role="alert">
          {ending}
        </p>
      )}
    </section>
  );
}

function Notices({ session }: { session: PartySession }) {
  return (
    <div className="party-notices" role="status" aria-live="polite">
      {session.notices.map((n) => (
        <p key={n.key}>{n.text}</p>
      ))}
    </div>
  );
}

function Reactions({ session }: { session: PartySession }) {
  return (
    <section className="party-reactions" aria-label="Reactions">
      <div className="party-row" role="group" aria-label="React">
        {reactionWords.map(({ emoji, word }) => (
          <button key={emoji} type="button" className="chip" onClick={() => session.react(emoji)}>
            {word}
          </button>
        ))}
      </div>
      <div className="party-floating" aria-hidden="true">
        {session.reactions.map((r) => (
          <span key={r.key} className="party-float">
            {r.name}: {reactionWord(r.emoji)}
          </span>
        ))}
      </div>
    </section>
  );
}

function Chat({ session }: { session: PartySession }) {
  const id = useId();
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const log = useRef<HTMLDivElement>(null);
  // The newest message in view, scrolling the log alone (not the panel or the page around it).
  useEffect(() => {
    if (log.current) log.current.scrollTop = log.current.scrollHeight;
  }, [session.chat.length]);
  async function send(event: FormEvent) {
    event.preventDefault();
    if (!text.trim()) return;
    setBusy(true);
    if (await session.send(text)) setText('');
    setBusy(false);
  }
  return (
    <section className="party-chat" aria-labelledby={`${id}-chat`}>
      <h3 id={`${id}-chat`}>Chat</h3>
      {/* Plain text only: every message is a text node, whatever it contains. */}
      {/* Focusable, so a keyboard can scroll back through it; a log, so a screen reader hears new messages. */}
      <div className="party-chat-log" ref={log} role="log" aria-live="polite" aria-label="Chat messages" tabIndex={0}>
        <ol>
          {session.chat.map((m) => (
            <li key={m.id} className="party-chat-message">
              <span className="party-chat-name">{m.name}</span> <span className="party-chat-text">{m.text}</span>
            </li>
          ))}
        </ol>
      </div>
      {session.chat.length === 0 && <p className="hint">No messages yet.</p>}
      <form className="party-row" onSubmit={(e) => void send(e)}>
        <label htmlFor={`${id}-message`} className="visually-hidden">
          Message
        </label>
        <input id={`${id}-message`} value={text} maxLength={chatLimit} onChange={(e) => setText(e.target.value)} placeholder="Say something" autoComplete="off" />
        <button type="submit" className="button button-small" disabled={busy}>
          Send
        </button>
      </form>
      {session.error && (
        <p className="field-error" role="alert">
          {session.error}
        </p>
      )}
    </section>
  );
}
