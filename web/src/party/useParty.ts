import { HubConnectionState, type HubConnection } from '@microsoft/signalr';
import { useCallback, useEffect, useRef, useState } from 'react';
import { ClockEstimate } from './clock';
import { hubMessage, localNow, partyConnection } from './connection';
import { SyncEngine, type SyncMedia } from './engine';
import type { ChatMessage, JoinResult, MemberView, Notice, PartyState, PartyView, PingAnswer, Reaction } from './types';

declare global {
  interface Window {
    /** What the party's sync measured, for the end-to-end tests and anyone curious (devtools). */
    marqueeParty?: {
      joinClickedAt?: number;
      inSyncMs?: number;
      driftMs: number | null;
      state: string;
      version: number;
      offsetMs: number;
      rttMs: number | null;
      connection: string;
      reconnects: number;
    };
  }
}

export type Phase = 'invite' | 'joining' | 'joined' | 'refused' | 'removed' | 'ended';

export interface Refusal {
  status: number;
  title: string;
  detail: string;
}

export interface FloatingReaction extends Reaction {
  key: number;
}

const reportEveryMs = 1000;
const pingEveryMs = 10_000;
const burst = 5;

function noticeText(notice: Notice): string {
  switch (notice.kind) {
    case 'joined':
      return `${notice.name} joined`;
    case 'left':
      return `${notice.name} left`;
    case 'dropped':
      return `${notice.name} lost their connection`;
    case 'refused':
      return `${notice.name} could not join: ${notice.detail ?? 'not allowed to watch this'}`;
    case 'control':
      return `${notice.name} controls playback now`;
    default:
      return notice.detail ? `${notice.name}: ${notice.detail}` : notice.name;
  }
}

/**
 * A member's side of a watch party: the hub connection (re-joining after every reconnect), the clock estimate, the
 * sync engine that keeps the <video> with the party, the one-second report, and what the panel shows (members,
 * chat, reactions, notices).
 */
export function useParty(partyId: string, initial: PartyView | undefined) {
  const [phase, setPhase] = useState<Phase>('invite');
  const [party, setParty] = useState<PartyView | undefined>(initial);
  const [memberId, setMemberId] = useState<string | null>(null);
  const [departed, setDeparted] = useState<MemberView[]>([]);
  const [chat, setChat] = useState<ChatMessage[]>([]);
  const [reactions, setReactions] = useState<FloatingReaction[]>([]);
  const [notices, setNotices] = useState<{ key: number; text: string }[]>([]);
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [connection, setConnection] = useState<'connected' | 'reconnecting' | 'offline'>('offline');
  const [blocked, setBlocked] = useState(false);
  const [sync, setSync] = useState<{ state: string; driftMs: number | null }>({ state: 'joining', driftMs: null });

  const hub = useRef<HubConnection | null>(null);
  const clock = useRef(new ClockEstimate());
  const engine = useRef(new SyncEngine(() => clock.current.serverNow(localNow()), () => true, () => setBlocked(true)));
  const counter = useRef(0);
  const joinedRef = useRef(false);

  useEffect(() => {
    if (initial) setParty((current) => current ?? initial);
  }, [initial]);

  const note = useCallback((text: string) => {
    const key = ++counter.current;
    setNotices((list) => [...list.slice(-4), { key, text }]);
  }, []);

  const ping = useCallback(async (connection: HubConnection) => {
    const t0 = localNow();
    const answer = await connection.invoke<PingAnswer>('Ping', t0);
    clock.current.add(t0, answer.serverReceiveMs, answer.serverSendMs, localNow());
  }, []);

  const sample = useCallback(
    async (connection: HubConnection, count: number) => {
      for (let i = 0; i < count && connection.state === HubConnectionState.Connected; i++) {
        try {
          await ping(connection);
        } catch {
          return;
        }
      }
    },
    [ping],
  );

  const adopt = useCallback((result: JoinResult, t0: number) => {
    // The join's answer is a first, rough clock sample (its delay includes the join's work; pings replace it).
    clock.current.add(t0, result.serverNowMs, result.serverNowMs, localNow());
    if (!result.ok || !result.party) {
      setRefusal({ status: result.status, title: result.title ?? 'You cannot join', detail: result.detail ?? 'You cannot join this party.' });
      setPhase(result.status === 404 || result.status === 410 ? 'ended' : 'refused');
      return false;
    }
    engine.current.reset(result.party.state);
    setParty((current) => ({ ...result.party!, you: result.party!.you ?? current?.you ?? null }));
    setMemberId(result.memberId);
    setChat(result.chat);
    setDeparted([]);
    return true;
  }, []);

  const connect = useCallback(async (): Promise<HubConnection> => {
    if (hub.current) return hub.current;
    const connection = partyConnection();
    hub.current = connection;
    connection.on('state', (state: PartyState) => {
      engine.current.push(state);
      setParty((current) => (current && state.version > current.state.version ? { ...current, state } : current));
    });
    connection.on('party', (view: PartyView) => {
      setParty((current) => ({ ...view, you: current?.you ?? null }));
      engine.current.push(view.state);
      setDeparted((list) => list.filter((m) => !view.members.some((v) => v.memberId === m.memberId)));
    });
    connection.on('member', (member: MemberView) => {
      setParty((current) => {
        if (!current) return current;
        if (member.state === 'left') {
          setDeparted((list) => [...list.filter((m) => m.memberId !== member.memberId), member]);
          return { ...current, members: current.members.filter((m) => m.memberId !== member.memberId) };
        }
        const known = current.members.some((m) => m.memberId === member.memberId);
        return { ...current, members: known ? current.members.map((m) => (m.memberId === member.memberId ? member : m)) : [...current.members, member] };
      });
    });
    connection.on('chat', (message: ChatMessage) => setChat((list) => (list.some((m) => m.id === message.id) ? list : [...list.slice(-199), message])));
    connection.on('reaction', (reaction: Reaction) => {
      const key = ++counter.current;
      setReactions((list) => [...list.slice(-11), { ...reaction, key }]);
      window.setTimeout(() => setReactions((list) => list.filter((r) => r.key !== key)), 3000);
    });
    connection.on('notice', (notice: Notice) => {
      note(noticeText(notice));
      if (notice.kind === 'left' || notice.kind === 'dropped' || notice.kind === 'refused') {
        setParty((current) => {
          const gone = current?.members.find((m) => m.name === notice.name && m.memberId !== memberIdRef.current);
          if (gone) setDeparted((list) => [...list.filter((m) => m.memberId !== gone.memberId), { ...gone, state: 'left' }]);
          return current;
        });
      }
    });
    connection.on('removed', (removed: { detail: string }) => {
      joinedRef.current = false;
      setRefusal({ status: 403, title: 'You left the party', detail: removed.detail });
      setPhase('removed');
      void connection.stop();
    });
    connection.on('ended', (ended: { reason?: string }) => {
      joinedRef.current = false;
      setRefusal({ status: 410, title: 'The party is over', detail: ended.reason ?? 'The host ended the party.' });
      setPhase('ended');
      void connection.stop();
    });
    connection.onreconnecting(() => setConnection('reconnecting'));
    connection.onreconnected(async () => {
      setConnection('connected');
      if (window.marqueeParty) window.marqueeParty.reconnects++;
      if (!joinedRef.current) return;
      clock.current.restart();
      try {
        const t0 = localNow();
        const result = await connection.invoke<JoinResult>('Join', partyId);
        if (adopt(result, t0)) await sample(connection, burst);
        else joinedRef.current = false;
      } catch (reason) {
        setError(hubMessage(reason));
      }
    });
    connection.onclose(() => setConnection('offline'));
    await connection.start();
    setConnection('connected');
    return connection;
  }, [adopt, note, partyId, sample]);

  const memberIdRef = useRef<string | null>(null);
  memberIdRef.current = memberId;

  /** Joins (or knocks, for a viewer who may not watch: the party hears who could not join and why). */
  const join = useCallback(async () => {
    window.marqueeParty = { joinClickedAt: performance.now(), driftMs: null, state: 'joining', version: -1, offsetMs: 0, rttMs: null, connection: 'connecting', reconnects: 0 };
    setPhase('joining');
    setError(null);
    try {
      const connection = await connect();
      const t0 = localNow();
      const result = await connection.invoke<JoinResult>('Join', partyId);
      if (!adopt(result, t0)) {
        void connection.stop();
        hub.current = null;
        return;
      }
      joinedRef.current = true;
      setPhase('joined');
      await sample(connection, burst);
    } catch (reason) {
      setPhase('invite');
      setError(hubMessage(reason));
    }
  }, [adopt, connect, partyId, sample]);

  // While joined: the engine's ticks, the report each second, and a clock sample every ten seconds and whenever
  // the tab comes back to the foreground.
  useEffect(() => {
    if (phase !== 'joined') return;
    let stopped = false;
    let tickTimer = 0;
    const loop = () => {
      if (stopped) return;
      const wake = engine.current.tick();
      const status = engine.current.status;
      const metrics = window.marqueeParty;
      if (metrics) {
        metrics.driftMs = status.driftMs;
        metrics.state = status.state;
        metrics.version = engine.current.appliedVersionNumber;
        metrics.offsetMs = clock.current.offsetMs;
        metrics.rttMs = clock.current.rttMs;
        metrics.connection = hub.current?.state ?? 'none';
      }
      setSync((current) => (current.state === status.state && Math.round((current.driftMs ?? 0) / 10) === Math.round((status.driftMs ?? 0) / 10) ? current : { state: status.state, driftMs: status.driftMs }));
      tickTimer = window.setTimeout(loop, Math.max(10, wake));
    };
    loop();
    let lastState = '';
    const report = () => {
      const connection = hub.current;
      if (!connection || connection.state !== HubConnectionState.Connected || !joinedRef.current) return;
      const status = engine.current.status;
      lastState = status.state;
      const metrics = window.marqueeParty;
      if (metrics && metrics.inSyncMs === undefined && metrics.joinClickedAt !== undefined && status.inSync) {
        metrics.inSyncMs = Math.round(performance.now() - metrics.joinClickedAt);
      }
      connection
        .invoke('Report', {
          state: status.state,
          position: Math.max(0, status.position),
          version: engine.current.appliedVersionNumber >= 0 ? engine.current.appliedVersionNumber : null,
          rttMs: clock.current.rttMs,
          driftMs: status.driftMs,
        })
        .catch(() => undefined);
    };
    const reportTimer = window.setInterval(report, reportEveryMs);
    // A change of state is told at once (the party waiting for everyone waits on it), not at the next second.
    const stateWatch = window.setInterval(() => {
      if (engine.current.status.state !== lastState) report();
    }, 100);
    const pingTimer = window.setInterval(() => {
      if (hub.current) void sample(hub.current, 1);
    }, pingEveryMs);
    const visible = () => {
      if (document.visibilityState === 'visible' && hub.current) void sample(hub.current, burst);
    };
    document.addEventListener('visibilitychange', visible);
    return () => {
      stopped = true;
      window.clearTimeout(tickTimer);
      window.clearInterval(reportTimer);
      window.clearInterval(stateWatch);
      window.clearInterval(pingTimer);
      document.removeEventListener('visibilitychange', visible);
    };
  }, [phase, sample]);

  // Leaving the page leaves the party.
  useEffect(
    () => () => {
      const connection = hub.current;
      hub.current = null;
      if (!connection) return;
      if (joinedRef.current && connection.state === HubConnectionState.Connected) {
        void connection.invoke('Leave').catch(() => undefined).finally(() => void connection.stop());
      } else void connection.stop();
      joinedRef.current = false;
    },
    [],
  );

  const call = useCallback(async <T,>(method: string, ...args: unknown[]): Promise<T | undefined> => {
    const connection = hub.current;
    if (!connection || connection.state !== HubConnectionState.Connected) {
      setError('The party connection dropped; reconnecting…');
      return undefined;
    }
    setError(null);
    try {
      return await connection.invoke<T>(method, ...args);
    } catch (reason) {
      setError(hubMessage(reason));
      return undefined;
    }
  }, []);

  const command = useCallback(
    async (method: string, ...args: unknown[]) => {
      const state = await call<PartyState>(method, ...args);
      if (state) engine.current.push(state);
    },
    [call],
  );

  const setMedia = useCallback((media: SyncMedia | null) => engine.current.setMedia(media), []);
  const startAt = useCallback(() => engine.current.startPosition(), []);
  const unblock = useCallback(() => {
    engine.current.unblock();
    setBlocked(false);
  }, []);

  return {
    phase,
    party,
    memberId,
    departed,
    chat,
    reactions,
    notices,
    refusal,
    error,
    setError,
    connection,
    blocked,
    sync,
    join,
    setMedia,
    startAt,
    unblock,
    play: () => void command('Play', null),
    pause: (position: number) => void command('Pause', Math.max(0, position)),
    seek: (position: number) => void command('Seek', Math.max(0, position)),
    next: () => void call('Next'),
    send: async (text: string) => (await call<ChatMessage>('Chat', text)) !== undefined,
    react: (emoji: string) => void call('React', emoji),
    setControl: (mode: 'host' | 'everyone', controllerId: string | null) => void call<PartyView>('SetControl', { mode, controllerId }).then((view) => view && setParty((current) => ({ ...view, you: current?.you ?? null }))),
    setWaitForAll: (wait: boolean) => void call<PartyView>('SetWaitForAll', wait).then((view) => view && setParty((current) => ({ ...view, you: current?.you ?? null }))),
  };
}

export type PartySession = ReturnType<typeof useParty>;
