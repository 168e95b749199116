/**
 * The correction ladder: how a member that drifted from the party gets back, without anyone noticing more than
 * they must. Under 50 ms nothing (nobody hears it); 50 ms to 2 s a playback rate within 0.95–1.05, proportional to
 * the drift, until within 20 ms (a nudge, not a jump); over 2 s a seek. Players that cannot change their rate
 * smoothly seek only, and then only past a larger threshold with a pause between seeks, or they would stutter.
 */
export const startCorrectingMs = 50;
export const doneCorrectingMs = 20;
export const seekBeyondMs = 2000;
export const maxRateChange = 0.05;
/** The drift that a full rate change takes away in one second: at 100 ms off, 5 % faster or slower. */
const drainSeconds = 2;
/** Seek-only players: seeks under this would be noticed more than the drift. */
export const seekOnlyBeyondMs = 250;

export type Correction = { kind: 'none' } | { kind: 'rate'; rate: number } | { kind: 'seek' };

export interface LadderInput {
  /** Local position minus the party's expected position, ms: positive is ahead. */
  driftMs: number;
  /** Whether a rate correction is under way (it carries on down to 20 ms, not 50). */
  correcting: boolean;
  /** The party's own rate (1 normally). */
  baseRate: number;
  /** False for players whose rate changes stutter or are ignored. */
  canChangeRate: boolean;
}

export function correction({ driftMs, correcting, baseRate, canChangeRate }: LadderInput): Correction {
  const off = Math.abs(driftMs);
  if (!canChangeRate) return off > seekOnlyBeyondMs ? { kind: 'seek' } : { kind: 'none' };
  if (off > seekBeyondMs) return { kind: 'seek' };
  if (off < doneCorrectingMs || (!correcting && off < startCorrectingMs)) return { kind: 'none' };
  const change = Math.min(maxRateChange, off / 1000 / drainSeconds);
  // Ahead: play slower; behind: faster.
  return { kind: 'rate', rate: baseRate * (1 + (driftMs > 0 ? -change : change)) };
}
