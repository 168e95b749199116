import Hls, { type ErrorData, type Level, type MediaPlaylist } from 'hls.js';
import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { Link, Navigate, useLocation, useNavigate, useParams, useSearchParams } from 'react-router';
import { api } from '../api/client';
import type { EpisodeView, TitleView } from '../api/types';
import { Thumbs } from '../browse/Thumbs';
import { ErrorNotice } from '../ui/ErrorNotice';
import { formatTime } from '../ui/format';
import { useLoad } from '../ui/useLoad';
import { createHls, createVideo, earlyVideo, takeEarlyStream } from './earlyStream';
import { beat, heartbeatSeconds, release, type Position } from './heartbeat';
import { Icon } from './Icon';
import { Menu } from './Menu';
import { SeekBar } from './SeekBar';
import { parseThumbnails, type Thumbnail } from './trickplay';
import { usePlayback } from './usePlayback';
import { useOfflinePlayback, useOfflineProgress } from './useOfflinePlayback';
import { carriedPlayback } from './playbackRequests';
import { readyDownloadFor } from '../offline/hint';
import { useShortcuts } from './useShortcuts';
import { ShareMenu } from '../share/ShareMenu';
import { watchShareUrl } from '../share/shareLinks';
import { startTimeOf } from '../share/startTime';

declare global {
  interface Window {
    /** What the player measured, for the end-to-end tests and anyone curious (devtools). */
    marqueePlayer?: { timeToFirstFrameMs?: number; firstFrameAt?: number; servingHost?: string; hosts: string[]; fatal?: string };
  }
}

interface Tracks {
  levels: Level[];
  audio: MediaPlaylist[];
  subtitles: MediaPlaylist[];
}

const nextEpisodeCountdown = 8;

const languages = new Intl.DisplayNames(undefined, { type: 'language' });

/** "English" rather than "en": a track's name when it is more than its language code, else the language's name. */
function trackLabel(track: MediaPlaylist, index: number): string {
  const code = track.lang ?? '';
  if (track.name && track.name !== code) return track.name;
  try {
    return code && code !== 'und' ? (languages.of(code) ?? code) : `Track ${index + 1}`;
  } catch {
    return code || `Track ${index + 1}`;
  }
}

function episodesInOrder(view: TitleView | undefined): EpisodeView[] {
  if (!view) return [];
  return [...view.seasons].sort((a, b) => a.number - b.number).flatMap((s) => [...s.episodes].sort((a, b) => a.number - b.number));
}

/**
 * A watch party's hold on the player (web/src/party): it decides where the stream starts and when it plays, and
 * takes the viewer's play, pause and seek to the party instead of the video.
 */
export interface PartyBinding {
  /** Where the stream starts, asked when it starts (the party moves on meanwhile). */
  startAt: () => number;
  /** The player's <video>, for the party's sync engine; null when the player goes. */
  onVideo: (video: HTMLVideoElement | null) => void;
  play: () => void;
  pause: (position: number) => void;
  seek: (position: number) => void;
  /** The next episode, for the party; null when there is none or this member may not control playback. */
  next: (() => void) | null;
  /** Why this member's play, pause and seek are off ("Only the host controls playback"), or null. */
  lockedHint: string | null;
  /** The browser refused to start the video without a gesture. */
  blocked: boolean;
  unblock: () => void;
  /** The party's panel beside the picture. */
  aside: ReactNode;
}

export default function PlayerPage() {
  const { id = '' } = useParams();
  const [params] = useSearchParams();
  const location = useLocation();
  return <Player id={id} titleId={params.get('title') ?? id} startAt={startTimeOf(location.search)} />;
}

/** The player: a title or episode's stream, its controls and keys; on its own page, or inside a watch party. */
export function Player({ id, titleId, party, startAt = null }: { id: string; titleId: string; party?: PartyBinding; startAt?: number | null }) {
  const navigate = useNavigate();
  const location = useLocation();
  // A start-time link's time (?t=), for the id it came with: it wins over the resume position, once.
  const startRef = useRef<{ id: string; seconds: number } | null>(startAt !== null ? { id, seconds: startAt } : null);
  // A download of this title or episode plays from storage (not in a party, nor when the page started a stream).
  const offline = useOfflinePlayback(id, !party && carriedPlayback(id) === undefined);
  const offlineSource = offline.status === 'ready' ? offline.source : null;
  const offlineRef = useRef(offlineSource);
  offlineRef.current = offlineSource;
  const playback = usePlayback(id, offline.status === 'none');
  // Read when the stream starts, without restarting it whenever the party's props change.
  const partyRef = useRef(party);
  partyRef.current = party;
  const inParty = party !== undefined;
  const locked = party?.lockedHint ?? null;
  const title = useLoad(`title/${titleId}`, (signal) => api.get<TitleView>(`/api/v1/titles/${encodeURIComponent(titleId)}`, { signal }));

  // The <video> lives outside React's rendering: on a page that carried its playback, the early stream made it and
  // may be playing it already (earlyStream.ts); the stage takes it in when it mounts.
  const [video] = useState(() => earlyVideo() ?? createVideo());
  const videoRef = useRef(video);
  const hlsRef = useRef<Hls | null>(null);
  const stageRef = useRef<HTMLDivElement>(null);
  // Where this title or episode got to, for a retry. Kept with its id: the page stays mounted from one episode to
  // the next, and an episode must not start where the previous one ended.
  const lastPosition = useRef<{ id: string; seconds: number } | null>(null);
  const [tracks, setTracks] = useState<Tracks>({ levels: [], audio: [], subtitles: [] });
  const [level, setLevel] = useState(-1);
  const [playingLevel, setPlayingLevel] = useState(-1);
  const [audioTrack, setAudioTrack] = useState(0);
  const [subtitleTrack, setSubtitleTrack] = useState(-1);
  const [time, setTime] = useState(0);
  const [duration, setDuration] = useState(0);
  const [buffered, setBuffered] = useState(0);
  const [paused, setPaused] = useState(true);
  const [waiting, setWaiting] = useState(true);
  const [muted, setMuted] = useState(false);
  const [volume, setVolume] = useState(1);
  const [fullscreen, setFullscreen] = useState(false);
  const [fatal, setFatal] = useState<string | null>(null);
  const [needsGesture, setNeedsGesture] = useState(false);
  const [thumbnails, setThumbnails] = useState<Thumbnail[]>([]);
  const [idle, setIdle] = useState(false);
  // The next-episode countdown belongs to the episode that ended: it must not carry on into the next one.
  const [countdownOf, setCountdownOf] = useState<{ id: string; seconds: number } | null>(null);
  const countdown = countdownOf?.id === id ? countdownOf.seconds : null;
  const setCountdown = useCallback((seconds: number | null) => setCountdownOf(seconds === null ? null : { id, seconds }), [id]);
  // At the end of a movie or a series' last episode: "how was it?", with the thumbs.
  const [endedOf, setEndedOf] = useState<string | null>(null);
  const [shareAtTime, setShareAtTime] = useState(false);

  const view = offline.status === 'ready' ? offline.view : playback.view;
  // Without a network the title comes from the download, as the title page had it.
  const titleData = title.data ?? offlineSource?.title ?? undefined;
  const episodes = useMemo(() => episodesInOrder(titleData), [titleData]);
  const episodeIndex = episodes.findIndex((e) => e.id === id);
  const episode = episodeIndex >= 0 ? episodes[episodeIndex] : undefined;
  const nextEpisode =
    episodeIndex >= 0 ? episodes.slice(episodeIndex + 1).find((e) => e.media.status === 'ready' && (!offlineSource || readyDownloadFor(e.id) !== null)) : undefined;
  const heading = titleData ? (episode ? `${titleData.title} · E${episode.number} ${episode.name}` : titleData.title) : '';

  const position = useCallback((): Position | null => {
    const video = videoRef.current;
    if (!video || !Number.isFinite(video.duration) || video.duration <= 0) return null;
    return { playbackId: id, positionSeconds: Math.min(video.currentTime, video.duration), durationSeconds: video.duration };
  }, [id]);

  // The stream: hls.js with Content Steering (the full build has it on), so a failing edge hands over to the next.
  useEffect(() => {
    const video = videoRef.current;
    if (!view || !video) return;
    window.marqueePlayer = { hosts: [] };
    setFatal(null);
    const binding = partyRef.current;
    const linked = startRef.current?.id === id ? startRef.current.seconds : null;
    const start = binding ? binding.startAt() : ((lastPosition.current?.id === id ? lastPosition.current.seconds : null) ?? linked ?? view.resumeAt ?? -1);
    // Started before the app when the page carried the playback (see earlyStream.ts): it may have its playlists and
    // first segments already, be playing into this <video>, and even have shown its first frame.
    const early = Hls.isSupported() && lastPosition.current?.id !== id ? takeEarlyStream(id, view) : undefined;
    let firstFrame = false;
    const markFirstFrame = (at = performance.timeOrigin + performance.now()) => {
      if (firstFrame) return;
      firstFrame = true;
      const ms = Math.round(at - performance.timeOrigin - playback.requestedAt);
      window.marqueePlayer = { ...(window.marqueePlayer ?? { hosts: [] }), timeToFirstFrameMs: ms, firstFrameAt: at };
      stageRef.current?.setAttribute('data-first-frame-ms', String(ms));
    };
    // Firefox before 132 lacks requestVideoFrameCallback; 'playing' is the next best signal there.
    if (early?.firstFrameAt) markFirstFrame(early.firstFrameAt);
    else if (typeof video.requestVideoFrameCallback === 'function') video.requestVideoFrameCallback(() => markFirstFrame());
    else (video as HTMLVideoElement).addEventListener('playing', () => markFirstFrame(), { once: true });
    const play = () => {
      // In a party the sync engine starts the video, at the party's moment.
      if (binding) return;
      video.play().catch((error: unknown) => {
        if (error instanceof DOMException && error.name === 'NotAllowedError') setNeedsGesture(true);
      });
    };

    if (!Hls.isSupported()) {
      if (video.canPlayType('application/vnd.apple.mpegurl')) {
        video.src = view.hls;
        if (start > 0) video.currentTime = start;
        play();
        return () => video.removeAttribute('src');
      }
      setFatal('This browser cannot play adaptive video. Use a current version of Chrome, Edge, Firefox or Safari.');
      return;
    }

    const hls = early?.hls ?? createHls(start, false, offlineRef.current?.loader);
    hlsRef.current = hls;
    let mediaRecoveries = 0;
    const manifestParsed = () => {
      setTracks({ levels: [...hls.levels], audio: [...hls.audioTracks], subtitles: [...hls.subtitleTracks] });
      setLevel(hls.autoLevelEnabled ? -1 : hls.currentLevel);
      setAudioTrack(Math.max(0, hls.audioTrack));
      setSubtitleTrack(hls.subtitleTrack);
      play();
    };
    hls.on(Hls.Events.MANIFEST_PARSED, manifestParsed);
    hls.on(Hls.Events.AUDIO_TRACKS_UPDATED, () => setTracks((t) => ({ ...t, audio: [...hls.audioTracks] })));
    hls.on(Hls.Events.AUDIO_TRACK_SWITCHED, (_, data) => setAudioTrack(data.id));
    hls.on(Hls.Events.SUBTITLE_TRACKS_UPDATED, () => setTracks((t) => ({ ...t, subtitles: [...hls.subtitleTracks] })));
    hls.on(Hls.Events.SUBTITLE_TRACK_SWITCH, (_, data) => setSubtitleTrack(data.id));
    hls.on(Hls.Events.LEVEL_SWITCHED, (_, data) => setPlayingLevel(data.level));
    const fragmentFrom = (url: string) => {
      const host = new URL(url).host;
      const metrics = window.marqueePlayer ?? { hosts: [] };
      window.marqueePlayer = { ...metrics, servingHost: host, hosts: metrics.hosts.includes(host) ? metrics.hosts : [...metrics.hosts, host] };
      stageRef.current?.setAttribute('data-serving-host', host);
    };
    hls.on(Hls.Events.FRAG_LOADED, (_, data) => fragmentFrom(data.frag.url));
    const onError = (data: ErrorData) => {
      if (!data.fatal) return;
      if (data.type === Hls.ErrorTypes.MEDIA_ERROR && mediaRecoveries < 2) {
        mediaRecoveries++;
        hls.recoverMediaError();
        return;
      }
      window.marqueePlayer = { ...(window.marqueePlayer ?? { hosts: [] }), fatal: data.details };
      if (video.currentTime) lastPosition.current = { id, seconds: video.currentTime };
      // A download's "network" is the device's storage.
      const unreadable = "This download could not be read from this device's storage. Delete it on the Downloads page and download it again.";
      setFatal(
        data.type === Hls.ErrorTypes.NETWORK_ERROR && offlineRef.current
          ? unreadable
          : data.type === Hls.ErrorTypes.NETWORK_ERROR
            ? 'The video stopped loading: none of the servers could be reached. Check your connection, then try again.'
            : 'The video could not be decoded on this device. Try again, or choose a lower quality.',
      );
    };
    hls.on(Hls.Events.ERROR, (_, data) => onError(data));
    if (!early) hls.loadSource(view.hls);
    if (hls.media !== video) hls.attachMedia(video);
    if (early) {
      // What happened before the player was there to hear it.
      early.fragmentUrls.forEach(fragmentFrom);
      if (hls.levels.length > 0) manifestParsed();
      if (early.fatal) onError(early.fatal);
    }
    return () => {
      hls.destroy();
      hlsRef.current = null;
    };
  }, [view, playback.requestedAt]);

  // Heartbeat: renews the stream lease and saves progress every few seconds, on pause and on seek. A download has
  // no lease; it keeps its progress itself (useOfflineProgress).
  useEffect(() => {
    if (!view || offlineRef.current) return;
    const leaseId = view.leaseId;
    let stopped = false;
    const send = () => {
      beat(leaseId, position())
        .then((alive) => {
          if (!alive && !stopped) {
            setFatal('This stream has ended: it was stopped from another device or was idle too long. Start it again to carry on.');
            videoRef.current?.pause();
          }
        })
        .catch(() => undefined);
    };
    const timer = window.setInterval(send, heartbeatSeconds * 1000);
    const video = videoRef.current;
    video?.addEventListener('pause', send);
    video?.addEventListener('seeked', send);
    const leave = () => release(leaseId, position());
    window.addEventListener('pagehide', leave);
    return () => {
      stopped = true;
      window.clearInterval(timer);
      video?.removeEventListener('pause', send);
      video?.removeEventListener('seeked', send);
      window.removeEventListener('pagehide', leave);
      leave();
    };
  }, [view, position]);

  // Seek-preview thumbnails, from the same edge as the stream and with the same token; fetched once the video
  // plays, so they never compete with the first segments.
  useEffect(() => {
    const video = videoRef.current;
    if (!view || !video || offlineRef.current) return;
    const index = new URL('trickplay/thumbnails.vtt', view.hls);
    index.search = new URL(view.hls).search;
    const controller = new AbortController();
    const load = () => {
      fetch(index, { signal: controller.signal })
        .then((response) => (response.ok ? response.text() : ''))
        .then((text) => setThumbnails(text ? parseThumbnails(text, index.toString()) : []))
        .catch(() => setThumbnails([]));
    };
    // The early stream (earlyStream.ts) may have been playing before the player was there.
    if (!video.paused && video.readyState >= HTMLMediaElement.HAVE_FUTURE_DATA) load();
    else video.addEventListener('playing', load, { once: true });
    return () => {
      video.removeEventListener('playing', load);
      controller.abort();
    };
  }, [view]);

  // The countdown to the next episode once this one ends.
  useEffect(() => {
    if (countdown === null || !nextEpisode) return;
    if (countdown <= 0) {
      navigate(`/watch/${encodeURIComponent(nextEpisode.id)}?title=${encodeURIComponent(titleId)}`, { replace: true });
      return;
    }
    const timer = window.setTimeout(() => setCountdown(countdown - 1), 1000);
    return () => window.clearTimeout(timer);
  }, [countdown, setCountdown, nextEpisode, navigate, titleId]);

  useEffect(() => {
    const change = () => setFullscreen(document.fullscreenElement !== null);
    document.addEventListener('fullscreenchange', change);
    return () => document.removeEventListener('fullscreenchange', change);
  }, []);

  // Controls fade while the video plays and the pointer rests.
  useEffect(() => {
    if (paused) {
      setIdle(false);
      return;
    }
    let timer = window.setTimeout(() => setIdle(true), 3000);
    const wake = () => {
      setIdle(false);
      window.clearTimeout(timer);
      timer = window.setTimeout(() => setIdle(true), 3000);
    };
    window.addEventListener('pointermove', wake);
    window.addEventListener('keydown', wake);
    return () => {
      window.clearTimeout(timer);
      window.removeEventListener('pointermove', wake);
      window.removeEventListener('keydown', wake);
    };
  }, [paused]);

  // Native subtitle cues sit at the bottom, under the controls while those show: lift each cue above them as it
  // becomes active, and drop the ones on screen back when the controls hide.
  useEffect(() => {
    const video = videoRef.current;
    if (!video) return;
    const line = idle ? 'auto' : -4;
    const place = (track: TextTrack) => {
      for (const cue of Array.from(track.activeCues ?? [])) {
        if (cue instanceof VTTCue) cue.line = line;
      }
    };
    const onCueChange = (event: Event) => place(event.target as TextTrack);
    const textTracks = Array.from(video.textTracks);
    for (const track of textTracks) {
      track.addEventListener('cuechange', onCueChange);
      place(track);
    }
    return () => textTracks.forEach((track) => track.removeEventListener('cuechange', onCueChange));
  }, [idle, subtitleTrack, tracks.subtitles]);

  const togglePlay = useCallback(() => {
    const video = videoRef.current;
    if (!video) return;
    const binding = partyRef.current;
    if (binding) {
      if (binding.blocked) {
        // The viewer's gesture: the browser lets the video play now, and the party steers it from here.
        void video.play().then(binding.unblock, () => undefined);
        return;
      }
      if (binding.lockedHint) return;
      if (video.paused || video.ended) binding.play();
      else binding.pause(video.currentTime);
      return;
    }
    setNeedsGesture(false);
    setEndedOf(null);
    if (video.paused || video.ended) void video.play().catch(() => setNeedsGesture(true));
    else video.pause();
  }, []);

  // The end of a title or episode: by playing to it, or by seeking to it.
  const finished = useCallback(() => {
    setPaused(true);
    // A party moves on together, when its controller says so.
    if (partyRef.current) return;
    if (nextEpisode) setCountdown(nextEpisodeCountdown);
    else setEndedOf(id);
  }, [nextEpisode, setCountdown, id]);

  const seekTo = useCallback((seconds: number) => {
    const video = videoRef.current;
    if (!video || !Number.isFinite(video.duration)) return;
    const binding = partyRef.current;
    if (binding) {
      if (!binding.lockedHint) binding.seek(Math.max(0, Math.min(seconds, video.duration - 0.5)));
      return;
    }
    // A seek into the last half second is a seek to the end: the title is finished there and then. Left to play
    // its last frames, Chromium was seen sitting "seeking" 0.1 s short of an episode's end with everything
    // buffered (the second episode on the same <video>), and the next-episode countdown never came.
    if (seconds >= video.duration - 0.5) {
      video.pause();
      video.currentTime = video.duration - 0.05;
      finished();
      return;
    }
    video.currentTime = Math.max(0, seconds);
    setCountdown(null);
  }, [finished, setCountdown]);

  const toggleFullscreen = useCallback(() => {
    if (document.fullscreenElement) void document.exitFullscreen();
    else void stageRef.current?.requestFullscreen().catch(() => undefined);
  }, []);

  const toggleSubtitles = useCallback(() => {
    const hls = hlsRef.current;
    if (!hls || hls.subtitleTracks.length === 0) return;
    hls.subtitleTrack = hls.subtitleTrack >= 0 ? -1 : 0;
    hls.subtitleDisplay = hls.subtitleTrack >= 0;
  }, []);

  const playNext = useCallback(() => {
    const binding = partyRef.current;
    if (binding) {
      binding.next?.();
      return;
    }
    if (nextEpisode) navigate(`/watch/${encodeURIComponent(nextEpisode.id)}?title=${encodeURIComponent(titleId)}`, { replace: true });
  }, [nextEpisode, navigate, titleId]);

  const retry = useCallback(() => {
    const seconds = videoRef.current?.currentTime;
    if (seconds) lastPosition.current = { id, seconds };
    setFatal(null);
    playback.retry();
  }, [id, playback]);

  useShortcuts({
    togglePlay,
    seekBy: (delta) => seekTo((videoRef.current?.currentTime ?? 0) + delta),
    volumeBy: (delta) => {
      const video = videoRef.current;
      if (video) video.volume = Math.max(0, Math.min(1, video.volume + delta));
    },
    toggleMute: () => {
      const video = videoRef.current;
      if (video) video.muted = !video.muted;
    },
    toggleFullscreen,
    toggleSubtitles,
    next: playNext,
  });

  // What the <video> tells the player, as listeners on the element React does not render (see `video` above).
  const videoEvents = useRef<Partial<Record<keyof HTMLMediaElementEventMap, () => void>>>({});
  videoEvents.current = {
    click: togglePlay,
    dblclick: toggleFullscreen,
    timeupdate: () => {
      setTime(video.currentTime);
      lastPosition.current = { id, seconds: video.currentTime };
      const ranges = video.buffered;
      setBuffered(ranges.length > 0 ? ranges.end(ranges.length - 1) : 0);
    },
    durationchange: () => setDuration(video.duration),
    play: () => setPaused(false),
    pause: () => {
      setPaused(true);
      // Where it stopped, now: a pause before the next timeupdate (a player that has just taken over the early
      // stream's <video>) must not leave the time, and the share link's ?t=, at what it was.
      setTime(video.currentTime);
    },
    waiting: () => setWaiting(true),
    playing: () => setWaiting(false),
    canplay: () => setWaiting(false),
    volumechange: () => {
      setMuted(video.muted);
      setVolume(video.volume);
    },
    ended: finished,
  };
  useEffect(() => {
    const listeners = Object.keys(videoEvents.current).map((name) => {
      const listener = () => videoEvents.current[name as keyof HTMLMediaElementEventMap]?.();
      video.addEventListener(name, listener);
      return () => video.removeEventListener(name, listener);
    });
    // The early stream may have been playing before these listeners were there: start from the element as it is.
    setPaused(video.paused);
    // Its time too: paused before these listeners were there, no timeupdate would come to set it (the seek bar and
    // the share link's ?t= would stay at 0).
    setTime(video.currentTime);
    setWaiting(video.readyState < HTMLMediaElement.HAVE_FUTURE_DATA);
    setMuted(video.muted);
    setVolume(video.volume);
    if (Number.isFinite(video.duration)) setDuration(video.duration);
    return () => listeners.forEach((remove) => remove());
  }, [video]);
  useEffect(() => {
    const binding = partyRef.current;
    if (!binding) return;
    binding.onVideo(video);
    return () => binding.onVideo(null);
  }, [video, inParty]);
  useEffect(() => {
    video.setAttribute('aria-label', heading ? `Video: ${heading}` : 'Video');
  }, [video, heading]);
  // The stage takes the <video> in whenever it is rendered (the error screen has none).
  const slotRef = useCallback(
    (slot: HTMLDivElement | null) => {
      if (!slot) return;
      video.classList.remove('player-early');
      slot.appendChild(video);
    },
    [video],
  );

  useOfflineProgress(offlineSource, video, position);

  const back = offlineSource ? '/downloads' : title.data ? `/title/${encodeURIComponent(titleId)}` : '/';
  const levelOptions = [
    { value: -1, label: playingLevel >= 0 && level === -1 && tracks.levels[playingLevel] ? `Auto (${lines(tracks.levels[playingLevel])})` : 'Auto' },
    ...tracks.levels.map((l, index) => ({ value: index, label: lines(l) })).reverse(),
  ];

  if (playback.status === 401) {
    // The whole address, so a start-time link (?t=) starts at its time once the viewer has signed in.
    return <Navigate to={`/signin?next=${encodeURIComponent(`/watch/${encodeURIComponent(id)}${location.search}`)}`} replace />;
  }
  // Refused (region, plan, maturity, profile): the title page says why, and keeps the link's time for its Play button.
  if (!inParty && (playback.status === 403 || playback.status === 451) && playback.error) {
    const keep = new URLSearchParams();
    const linked = startRef.current?.id === id ? startRef.current.seconds : null;
    if (linked !== null) keep.set('t', String(linked));
    if (id !== titleId) keep.set('watch', id);
    const search = keep.toString();
    return <Navigate to={`/title/${encodeURIComponent(titleId)}${search ? `?${search}` : ''}`} state={{ refusal: playback.error }} replace />;
  }

  if (offline.status === 'refused') {
    return (
      <main className="player-error" id="main">
        <ErrorNotice message={offline.reason} />
        <div className="row-actions">
          <Link className="button" to="/downloads">
            Downloads
          </Link>
        </div>
      </main>
    );
  }

  if (playback.error) {
    return (
      <main className="player-error" id="main">
        <ErrorNotice message={playback.error} onRetry={playback.status === 429 || (playback.status ?? 500) >= 500 || playback.status === 0 ? playback.retry : undefined} />
        <div className="row-actions">
          {playback.status === 403 && <Link className="button" to="/account#plan">See plans</Link>}
          <Link className="button" to={back}>
            Back
          </Link>
        </div>
      </main>
    );
  }

  return (
    <main className={`player ${idle ? 'player-idle' : ''} ${inParty ? 'player-party' : ''}`} id="main">
      <div className="player-stage" ref={stageRef} data-state={fatal ? 'error' : paused ? 'paused' : 'playing'}>
        <div className="player-video-slot" ref={slotRef} />
        {!view && <p className="player-status" role="status">Starting…</p>}
        {view && waiting && !paused && !fatal && <div className="spinner" role="status" aria-label="Loading" />}
        {(needsGesture || party?.blocked) && !fatal && (
          <button type="button" className="big-play" onClick={togglePlay} aria-label="Play">
            <Icon name="play" />
          </button>
        )}
        {fatal && (
          <div className="player-overlay">
            <ErrorNotice message={fatal} onRetry={retry} />
          </div>
        )}
        {countdown !== null && nextEpisode && (
          <div className="player-overlay next-up" role="status">
            <p>
              Next: episode {nextEpisode.number}, {nextEpisode.name} — in {countdown} s
            </p>
            <div className="row-actions">
              <button type="button" className="button button-primary" onClick={playNext}>
                Play now
              </button>
              <button type="button" className="button" onClick={() => setCountdown(null)}>
                Cancel
              </button>
            </div>
          </div>
        )}
        {endedOf === id && !nextEpisode && titleData && (
          <div className="player-overlay rate-end" role="dialog" aria-label={`How was ${titleData.title}?`}>
            <p>How was {titleData.title}?</p>
            <div className="row-actions">
              <Thumbs titleId={titleId} titleName={titleData.title} />
              <Link className="button" to={back}>
                {offlineSource ? 'Back to downloads' : 'Back to the title'}
              </Link>
            </div>
          </div>
        )}
        <div className="player-top">
          <Link to={back} className="control" aria-label="Back">
            <Icon name="backArrow" />
          </Link>
          <h1 className="player-title">{heading}</h1>
        </div>
        <div className="player-controls">
          <SeekBar time={time} duration={duration} buffered={buffered} thumbnails={thumbnails} onSeek={seekTo} disabled={locked !== null} />
          <div className="control-row">
            <button type="button" className="control" onClick={togglePlay} aria-label={paused ? 'Play' : 'Pause'} disabled={locked !== null} aria-describedby={locked ? 'party-locked' : undefined}>
              <Icon name={paused ? 'play' : 'pause'} />
            </button>
            <button type="button" className="control" onClick={() => seekTo(time - 10)} aria-label="Back 10 seconds" disabled={locked !== null}>
              <Icon name="back10" />
            </button>
            <button type="button" className="control" onClick={() => seekTo(time + 10)} aria-label="Forward 10 seconds" disabled={locked !== null}>
              <Icon name="forward10" />
            </button>
            <button
              type="button"
              className="control"
              onClick={() => {
                if (videoRef.current) videoRef.current.muted = !muted;
              }}
              aria-label={muted ? 'Unmute' : 'Mute'}
            >
              <Icon name={muted || volume === 0 ? 'muted' : 'volume'} />
            </button>
            <input
              className="volume"
              type="range"
              min={0}
              max={1}
              step={0.05}
              value={muted ? 0 : volume}
              aria-label="Volume"
              onChange={(e) => {
                const video = videoRef.current;
                if (!video) return;
                video.volume = Number(e.target.value);
                video.muted = video.volume === 0;
              }}
            />
            <span className="time" aria-live="off">
              {formatTime(time)} / {formatTime(duration)}
            </span>
            {locked && (
              <span className="party-locked" id="party-locked">
                {locked}
              </span>
            )}
            <span className="spacer" />
            {!inParty && title.data && (
              <ShareMenu className="control" up url={watchShareUrl(window.location.origin, id, shareAtTime ? Math.floor(time) : null, titleId)} text={heading}>
                <label className="share-start">
                  <input type="checkbox" checked={shareAtTime} onChange={(e) => setShareAtTime(e.target.checked)} />
                  Start at current time ({formatTime(time)})
                </label>
              </ShareMenu>
            )}
            {nextEpisode && (!party || party.next) && (
              <button type="button" className="control" onClick={playNext}>
                <Icon name="next" /> Next episode
              </button>
            )}
            <Menu
              label="Quality"
              options={levelOptions}
              selected={level}
              onSelect={(value) => {
                if (hlsRef.current) hlsRef.current.currentLevel = value;
                setLevel(value);
              }}
            />
            <Menu
              label="Audio"
              options={tracks.audio.map((track, index) => ({ value: index, label: trackLabel(track, index) }))}
              selected={audioTrack}
              onSelect={(value) => {
                if (hlsRef.current) hlsRef.current.audioTrack = value;
              }}
            />
            {tracks.subtitles.length > 0 && (
              <Menu
                label="Subtitles"
                options={[{ value: -1, label: 'Off' }, ...tracks.subtitles.map((track, index) => ({ value: index, label: trackLabel(track, index) }))]}
                selected={subtitleTrack}
                onSelect={(value) => {
                  const hls = hlsRef.current;
                  if (!hls) return;
                  hls.subtitleTrack = value;
                  hls.subtitleDisplay = value >= 0;
                  setSubtitleTrack(value);
                }}
              />
            )}
            <button type="button" className="control" onClick={toggleFullscreen} aria-label={fullscreen ? 'Exit full screen' : 'Full screen'}>
              <Icon name={fullscreen ? 'exitFullscreen' : 'fullscreen'} />
            </button>
          </div>
          {view && tracks.levels.length > 0 && (
            <p className="plan-note">{offlineSource ? `Playing the ${view.maxHeight}p download from this device.` : `Your plan streams up to ${view.maxHeight}p.`} Keys: space play/pause, ←/→ 10 s, ↑/↓ volume, M mute, F full screen, C subtitles, N next.</p>
          )}
        </div>
      </div>
      {party?.aside}
    </main>
  );
}

/** A rendition named by its short side, as viewers know them: a portrait 1080×1920 is "1080p", a scope 1920×800 "800p". */
function lines(level: Level): string {
  return `${Math.min(level.width, level.height) || level.height}p`;
}
