/**
 * Whether a stored download may play now, decided on the device without a network: the licence the origin gave
 * (status, expiry, check-in deadline) and the device's clock, which must not have been set back. Pure functions, no
 * DOM, so `npm test` runs them in Node.
 */

/** The parts of a download licence (`DownloadView`, POST/GET /api/v1/downloads) that decide whether it plays. */
export interface LicenceTerms {
  /** 'active', 'expired' or 'revoked'. */
  status: string;
  reason: string | null;
  expiresAt: string;
  checkInBy: string;
  playWindowHours: number;
  firstPlayedAt: string | null;
}

/** How far behind the latest time it has seen the device's clock may be before it counts as set back. */
export const clockTolerationMs = 5 * 60 * 1000;

export const clockSetBack = "Your device's clock was set back; connect to the internet to check in.";

export type Verdict =
  | { playable: true }
  /** `discard`: the download can never play again, so its bytes and key go now. */
  | { playable: false; reason: string; discard: boolean };

/** "12 Jan 2026, 14:05" in the viewer's language; an invalid date stays empty rather than "Invalid Date". */
export function formatMoment(ms: number): string {
  if (!Number.isFinite(ms)) return '';
  return new Date(ms).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

/**
 * A licence's verdict at `now`, given the latest time this device has seen (its own clock at earlier checks and the
 * origin's `serverTime`): a clock behind that by more than a few minutes was set back, which would otherwise keep an
 * expired download playing.
 */
export function verdict(terms: LicenceTerms, now: number, latestSeen: number, format: (ms: number) => string = formatMoment): Verdict {
  if (now + clockTolerationMs < latestSeen) return { playable: false, reason: clockSetBack, discard: false };
  if (terms.status === 'revoked') {
    return { playable: false, reason: terms.reason ?? 'This download was withdrawn. Download it again if it is still available.', discard: true };
  }
  const expiresAt = Date.parse(terms.expiresAt);
  if (terms.status !== 'active' || !(now < expiresAt)) {
    return { playable: false, reason: terms.reason ?? `This download expired on ${format(expiresAt)}. Download it again to watch it.`, discard: true };
  }
  if (!(now < Date.parse(terms.checkInBy))) {
    return {
      playable: false,
      reason: 'This download has not been checked in for 30 days. Connect to the internet and open Marquee to carry on watching.',
      discard: false,
    };
  }
  return { playable: true };
}

/**
 * The licence after its first play at `at`: it then expires `playWindowHours` later, or at its old expiry if that
 * comes first, as the origin will decide when it hears of the play (POST …/played). Only the first play counts.
 */
export function afterFirstPlay<T extends LicenceTerms>(terms: T, at: number): T {
  if (terms.firstPlayedAt) return terms;
  const window = at + terms.playWindowHours * 3600 * 1000;
  const expiresAt = Math.min(Date.parse(terms.expiresAt), window);
  return { ...terms, firstPlayedAt: new Date(at).toISOString(), expiresAt: new Date(expiresAt).toISOString() };
}

/** The latest time seen, moved on by the device's clock and by a `serverTime` the origin answered with. */
export function latestTime(latestSeen: number, ...times: (number | string | null | undefined)[]): number {
  let latest = latestSeen;
  for (const time of times) {
    const ms = typeof time === 'string' ? Date.parse(time) : time;
    if (typeof ms === 'number' && Number.isFinite(ms) && ms > latest) latest = ms;
  }
  return latest;
}

/** "in 3 days", "in 5 hours", "2 days ago": how far a moment is from now, the largest whole unit. */
export function relativeTime(ms: number, now: number): string {
  const seconds = Math.round((ms - now) / 1000);
  const units: [Intl.RelativeTimeFormatUnit, number][] = [
    ['day', 86400],
    ['hour', 3600],
    ['minute', 60],
  ];
  const format = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });
  for (const [unit, size] of units) {
    if (Math.abs(seconds) >= size) return format.format(Math.trunc(seconds / size), unit);
  }
  return format.format(Math.trunc(seconds / 60), 'minute');
}
