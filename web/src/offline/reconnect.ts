/**
 * Trying again when the origin could not be reached. Browsers announce a returning network ('online') only
 * sometimes (and say "online" on a network that reaches nothing), so a check-in, a report or a download that found
 * no network also asks to be tried again later: after 10 s, then less and less often, up to every 5 minutes, until
 * one gets through.
 */
const first = 10_000;
const longest = 300_000;
let delay = first;
let timer: number | undefined;
let action: () => Promise<boolean> = async () => true;

/** What to do when trying again (the manager's check-in and resuming downloads); resolves to whether it got through. */
export function setReconnect(run: () => Promise<boolean>): void {
  action = run;
}

/** Something found no network: try again later (once, however many asked). */
export function whenUnreachable(): void {
  if (timer !== undefined) return;
  timer = window.setTimeout(() => {
    timer = undefined;
    action().then(
      (through) => {
        if (through) delay = first;
        else {
          delay = Math.min(delay * 2, longest);
          whenUnreachable();
        }
      },
      () => whenUnreachable(),
    );
  }, delay);
}

/** Got through: the next failure starts again from a short wait. */
export function reachable(): void {
  delay = first;
}
