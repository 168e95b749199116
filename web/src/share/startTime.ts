/**
 * The `t` of a start-time link (/watch/{id}?t=90): plain seconds (`90`, `90s`) or hours, minutes and seconds in
 * that order (`1m30s`, `1h2m3s`, `2h`), as YouTube writes them. Anything else, negative or absurd → null, and the
 * link plays as if it had no time.
 */
export function parseStartTime(value: string | null | undefined): number | null {
  if (value === null || value === undefined) return null;
  const text = value.trim().toLowerCase();
  if (text === '') return null;
  let seconds: number;
  if (/^\d+$/.test(text)) {
    seconds = Number(text);
  } else {
    const match = /^(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$/.exec(text);
    if (!match || (match[1] === undefined && match[2] === undefined && match[3] === undefined)) return null;
    seconds = Number(match[1] ?? 0) * 3600 + Number(match[2] ?? 0) * 60 + Number(match[3] ?? 0);
  }
  // Past twelve hours is no film's running time: a typo or junk, not a place to start (the origin's cards agree,
  // src/Marquee.Origin/Sharing/StartTime.cs).
  if (!Number.isFinite(seconds) || seconds < 0 || seconds > 12 * 3600) return null;
  return seconds;
}

/** The start time of the current address (`?t=`), or null. */
export function startTimeOf(search: string): number | null {
  // Read by hand: this module is also compiled for Node's tests, with no DOM types.
  const match = /(?:^|[?&])t=([^&#]*)/.exec(search);
  if (!match?.[1]) return null;
  try {
    return parseStartTime(decodeURIComponent(match[1]));
  } catch {
    return null;
  }
}
