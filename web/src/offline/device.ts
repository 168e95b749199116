import { meta, setMeta } from './db';
import { setDeviceHint } from './hint';
import { latestTime } from './licence';

/** This browser's download device id, made on its first download and kept in IndexedDB (with a hint in localStorage). */
export async function deviceId(create: boolean): Promise<string | null> {
  const known = await meta<string>('deviceId');
  if (known) {
    if (create) setDeviceHint(known);
    return known;
  }
  if (!create) return null;
  // 8–64 characters of [A-Za-z0-9_-], as the origin asks.
  const id = `web-${crypto.randomUUID()}`;
  await setMeta('deviceId', id);
  setDeviceHint(id);
  return id;
}

/** "Chromium on Linux": what the account page's list of download devices calls this browser. */
export function deviceName(): string {
  const agent = navigator.userAgent;
  const brands = (navigator as Navigator & { userAgentData?: { brands: { brand: string }[] } }).userAgentData?.brands.map((b) => b.brand) ?? [];
  const named = brands.find((b) => !/not.?a.?brand|chromium/i.test(b));
  const browser =
    named ??
    (/Firefox\//.test(agent) ? 'Firefox' : /Edg\//.test(agent) ? 'Edge' : /OPR\//.test(agent) ? 'Opera' : /Chrome\//.test(agent) ? (brands.length ? 'Chromium' : 'Chrome') : /Safari\//.test(agent) ? 'Safari' : 'A browser');
  const system = /Android/.test(agent)
    ? 'Android'
    : /iPhone|iPad/.test(agent)
      ? 'iOS'
      : /Windows/.test(agent)
        ? 'Windows'
        : /Mac OS X/.test(agent)
          ? 'macOS'
          : /CrOS/.test(agent)
            ? 'ChromeOS'
            : /Linux/.test(agent)
              ? 'Linux'
              : 'an unknown system';
  return `${browser} on ${system}`.slice(0, 60);
}

/** Records a `serverTime` the origin answered with: the device's clock must not go back behind it. */
export async function noteServerTime(...serverTimes: (string | null | undefined)[]): Promise<void> {
  const before = (await meta<number>('latestSeen')) ?? 0;
  const after = latestTime(before, ...serverTimes);
  if (after !== before) await setMeta('latestSeen', after);
}

/**
 * The latest time this device had seen before now (its own clock at earlier checks, the origin's `serverTime`),
 * for a licence check to compare the clock with (licence.ts, verdict); now is recorded for the next check.
 */
export async function latestSeenBeforeNow(): Promise<number> {
  const before = (await meta<number>('latestSeen')) ?? 0;
  const after = latestTime(before, Date.now());
  if (after !== before) await setMeta('latestSeen', after);
  return before;
}
