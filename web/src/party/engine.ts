import { correction } from './ladder';
import { expectedPosition, Timeline } from './timeline';
import type { PartyState, ReportState } from './types';

/** The part of an HTMLVideoElement the engine drives; a plain object in the unit tests. */
export interface SyncMedia {
  currentTime: number;
  readonly duration: number;
  readonly paused: boolean;
  readonly seeking: boolean;
  readonly readyState: number;
  playbackRate: number;
  play(): Promise<void>;
  pause(): void;
}

// HTMLMediaElement's readyState values, spelled out so the engine runs where there is no DOM.
const haveMetadata = 1;
const haveFutureData = 3;
/** A command that moves the position by more than this is carried out at once, not drifted towards. */
const commandJumpMs = 400;
/** A start that left this member further behind than this is made again, once. */
const retryStartBeyondMs = 250;
/** Behind by more than this after a seek: the seek was too slow, so the next one aims further ahead. */
const missedByS = 0.15;

export interface SyncStatus {
  state: ReportState;
  /** Local position, s. */
  position: number;
  /** Local minus expected, ms; null before there is a state and a video. */
  driftMs: number | null;
  /** Playing with the party within 100 ms. */
  inSync: boolean;
}

/**
 * Keeps one <video> with the party: applies each state at its time on the server's clock, and corrects drift by the
 * ladder. A big jump (joining, a seek, falling far behind) is made by seeking a little ahead of the party, waiting
 * there paused with the picture ready, and starting when the party reaches that point: the seek's own time is then
 * no error. The party never waits for this member; this member catches up on its own.
 * The engine owns no timers: `tick()` is called often (and at the times it asks for) by whoever runs it.
 */
export class SyncEngine {
  readonly timeline = new Timeline();
  private media: SyncMedia | null = null;
  private appliedVersion = -1;
  private correcting = false;
  /** The point being sought to, ahead of the party, and when that began (server ms). */
  private aligning: { target: number; since: number } | null = null;
  /** How far ahead of the party to seek, s: grows when a seek arrives too late, shrinks when it was generous. */
  private lead = 1;
  private blocked = false;
  /** The last few drifts measured while playing: their median steers (Firefox's currentTime jitters by tens of ms). */
  private recent: number[] = [];
  /** When the last wait ahead ended in play() (server ms), until the first look after it; and whether it was a retry. */
  private started: { at: number; retried: boolean } | null = null;
  /** False once the player ignored a rate change (some players only play at 1×): it then seeks only. */
  private rateSticks = true;
  private last: SyncStatus = { state: 'paused', position: 0, driftMs: null, inSync: false };

  constructor(
    private readonly serverNow: () => number,
    private readonly canChangeRate: () => boolean = () => true,
    /** Called when the browser refused to start playback without a gesture. */
    private readonly onBlocked: () => void = () => undefined,
  ) {}

  /** Where a new player should start: a little ahead of the party, where it will wait to begin (see above). */
  startPosition(): number {
    const state = this.timeline.at(this.serverNow());
    if (!state) return 0;
    const now = this.serverNow();
    const expected = expectedPosition(state, now);
    if (!state.playing) return expected;
    this.aligning = { target: expected + this.lead, since: now };
    return this.aligning.target;
  }

  setMedia(media: SyncMedia | null): void {
    this.media = media;
    this.correcting = false;
    if (!media) this.aligning = null;
  }

  /** A state from the server (an event or a command's answer). */
  push(state: PartyState): void {
    this.timeline.add(state);
  }

  /** The whole truth after a join or a reconnect. */
  reset(state: PartyState): void {
    this.timeline.reset(state);
    this.appliedVersion = -1;
  }

  /** After the viewer's gesture let the video play. */
  unblock(): void {
    this.blocked = false;
  }

  /** The version of the state last applied, -1 before any (the report carries it). */
  get appliedVersionNumber(): number {
    return this.appliedVersion;
  }

  get status(): SyncStatus {
    return this.last;
  }

  /** Moves the video towards the party. Returns ms until it wants to be called again (at most 250). */
  tick(): number {
    const now = this.serverNow();
    const state = this.timeline.at(now);
    const media = this.media;
    let wake = 250;
    const pending = this.timeline.next(now);
    if (pending) wake = Math.min(wake, Math.max(0, pending.atMs - now));
    if (!state || !media || media.readyState < haveMetadata) {
      this.last = { state: 'buffering', position: media?.currentTime ?? 0, driftMs: null, inSync: false };
      return wake;
    }
    const command = state.version !== this.appliedVersion;
    this.appliedVersion = state.version;
    let expected = expectedPosition(state, now);
    const end = Number.isFinite(media.duration) && media.duration > 0 ? media.duration - 0.05 : Infinity;
    const atEnd = expected >= end;
    expected = Math.min(expected, end);
    const driftMs = (media.currentTime - expected) * 1000;

    if (!state.playing || atEnd) {
      this.recent = [];
      this.aligning = null;
      this.correcting = false;
      media.playbackRate = state.rate;
      if (!media.paused) media.pause();
      // Paused at the party's exact frame: a member that paused a little late steps back by its drift.
      if (Math.abs(driftMs) > 30 && !media.seeking) media.currentTime = expected;
      const settled = !media.seeking && media.readyState >= haveFutureData && Math.abs(driftMs) <= 30;
      const state_: ReportState = state.waitingUntilMs !== null ? (settled ? 'ready' : 'buffering') : 'paused';
      this.last = { state: state_, position: media.currentTime, driftMs, inSync: false };
      return wake;
    }

    if (this.blocked) {
      // The browser wants a gesture before it plays: nothing to steer until the viewer gives one.
      this.last = { state: 'paused', position: media.currentTime, driftMs, inSync: false };
      return wake;
    }
    if (this.aligning) {
      const { target, since } = this.aligning;
      if (media.seeking || media.readyState < haveFutureData) {
        // Still loading there; if it takes very long, the party has moved on: aim again.
        if (now - since > 10000) this.align(media, expected, now, true);
        this.last = { state: 'catchingUp', position: media.currentTime, driftMs, inSync: false };
        return wake;
      }
      if (Math.abs(media.currentTime - target) > 0.1 && !media.seeking) media.currentTime = target;
      const wait = target - expected;
      if (wait > 0.01) {
        if (!media.paused) media.pause();
        this.last = { state: 'catchingUp', position: media.currentTime, driftMs, inSync: false };
        return Math.min(wake, wait * 1000);
      }
      if (wait < -missedByS) {
        this.align(media, expected, now, true);
        this.last = { state: 'catchingUp', position: media.currentTime, driftMs, inSync: false };
        return wake;
      }
      // The party is here: go. A seek that had much time to spare aims a little closer next time.
      this.aligning = null;
      if (now - since < this.lead * 500) this.lead = Math.max(0.5, this.lead * 0.85);
      media.playbackRate = state.rate;
      this.play(media);
      this.started = { at: now, retried: this.started?.retried ?? false };
      // Not in sync yet: that is known only once the picture moves.
      this.last = { state: 'catchingUp', position: media.currentTime, driftMs, inSync: false };
      return wake;
    }

    if ((command && Math.abs(driftMs) > commandJumpMs) || (media.paused && Math.abs(driftMs) > 300)) {
      this.align(media, expected, now, false);
      this.last = { state: 'catchingUp', position: media.currentTime, driftMs, inSync: false };
      return wake;
    }
    if (media.paused) {
      media.playbackRate = state.rate;
      this.play(media);
    }
    if (media.readyState < haveFutureData || media.seeking) {
      // Out of data: the party plays on; this member catches up when it has data again.
      this.recent = [];
      this.last = { state: 'buffering', position: media.currentTime, driftMs, inSync: false };
      return wake;
    }
    if (this.started && now - this.started.at >= 300) {
      // The first look after a start. A first play() of a freshly loaded video can take a while to move the picture
      // (Firefox was seen 0.2–0.3 s late, later starts much less): a start that left this member far behind waits
      // ahead once more rather than drifting back for seconds.
      const { retried } = this.started;
      this.started = null;
      if (driftMs < -retryStartBeyondMs && !retried) {
        this.align(media, expected, now, false);
        this.started = { at: Number.POSITIVE_INFINITY, retried: true };
        this.last = { state: 'catchingUp', position: media.currentTime, driftMs, inSync: false };
        return wake;
      }
    }
    this.recent = [...this.recent, driftMs].slice(-3);
    const steady = median(this.recent);
    const step = correction({ driftMs: steady, correcting: this.correcting, baseRate: state.rate, canChangeRate: this.rateSticks && this.canChangeRate() });
    if (step.kind === 'seek') {
      this.align(media, expected, now, false);
      this.last = { state: 'catchingUp', position: media.currentTime, driftMs, inSync: false };
      return wake;
    }
    this.correcting = step.kind === 'rate';
    const rate = step.kind === 'rate' ? step.rate : state.rate;
    if (media.playbackRate !== rate) {
      media.playbackRate = rate;
      if (Math.abs(media.playbackRate - rate) > 0.001) this.rateSticks = false;
    }
    this.last = {
      state: this.correcting ? 'catchingUp' : 'playing',
      position: media.currentTime,
      driftMs: steady,
      inSync: Math.abs(steady) < 100,
    };
    return wake;
  }

  private align(media: SyncMedia, expected: number, now: number, missed: boolean): void {
    this.recent = [];
    if (missed) this.lead = Math.min(5, this.lead * 2);
    this.correcting = false;
    const target = expected + this.lead;
    this.aligning = { target, since: now };
    media.pause();
    media.currentTime = target;
  }

  private play(media: SyncMedia): void {
    if (this.blocked) return;
    media.play().catch((error: unknown) => {
      if (error instanceof Error && error.name === 'NotAllowedError') {
        this.blocked = true;
        this.onBlocked();
      }
    });
  }
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}
