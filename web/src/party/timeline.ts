import type { PartyState } from './types';

/**
 * Where the party is at a server time: the state in force then, extrapolated. States arrive ahead of the time they
 * take effect (atMs), so the newest one may still be pending while the one before it holds.
 */
export function expectedPosition(state: PartyState, serverNowMs: number): number {
  if (!state.playing || serverNowMs <= state.atMs) return state.position;
  return state.position + ((serverNowMs - state.atMs) / 1000) * state.rate;
}

/** The states still to come and the one in force; newer versions only, each at its own time. */
export class Timeline {
  private states: PartyState[] = [];

  /** Takes a state; ignores one older than or equal to what it has. Returns whether it was new. */
  add(state: PartyState): boolean {
    const newest = this.states.at(-1);
    if (newest && state.version <= newest.version) return false;
    // A newer command for an earlier time replaces anything scheduled after it (it was decided later).
    this.states = [...this.states.filter((s) => s.atMs < state.atMs), state];
    return true;
  }

  /** Replaces everything with one state (a join or a reconnect: the server's word is the whole truth). */
  reset(state: PartyState): void {
    this.states = [state];
  }

  /**
   * The state in force at this server time: the newest whose atMs has come, or the oldest known when none has
   * (a joiner who gets a state scheduled in the future has nothing older; it holds from now on). Older ones are
   * dropped as they are passed.
   */
  at(serverNowMs: number): PartyState | null {
    let current = -1;
    for (let i = 0; i < this.states.length; i++) {
      if (this.states[i]!.atMs <= serverNowMs) current = i;
    }
    if (current > 0) this.states = this.states.slice(current);
    return this.states[0] ?? null;
  }

  /** The next state still to take effect, for scheduling a timer at its atMs. */
  next(serverNowMs: number): PartyState | null {
    return this.states.find((s) => s.atMs > serverNowMs) ?? null;
  }

  get latest(): PartyState | null {
    return this.states.at(-1) ?? null;
  }
}
