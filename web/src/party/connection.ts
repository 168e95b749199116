import { HttpTransportType, HubConnectionBuilder, LogLevel, type HubConnection } from '@microsoft/signalr';

/** Retries for ever, every 3 s at the most: a member on a bad link should come back on its own, however long it was away. */
const retryDelays = [0, 500, 1000, 2000, 2000, 3000];

/**
 * The party's hub connection: WebSockets only (no negotiate round trip; every browser the app supports has them),
 * authenticated by the session cookie the browser sends with the upgrade.
 */
export function partyConnection(): HubConnection {
  const connection = new HubConnectionBuilder()
    .withUrl('/hubs/party', { skipNegotiation: true, transport: HttpTransportType.WebSockets })
    .withAutomaticReconnect({ nextRetryDelayInMilliseconds: (context) => retryDelays[Math.min(context.previousRetryCount, retryDelays.length - 1)]! })
    .configureLogging(LogLevel.None)
    .build();
  // Every member reports each second and gets an answer, so a silent link is dead well before the default 30 s;
  // the client's own keep-alive tells the server the same.
  connection.serverTimeoutInMilliseconds = 10_000;
  connection.keepAliveIntervalInMilliseconds = 3_000;
  return connection;
}

/** The sentence in a refused hub call ("…HubException: Slow down: …" → "Slow down: …"). */
export function hubMessage(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  const marker = 'HubException: ';
  const at = text.lastIndexOf(marker);
  if (at >= 0) return text.slice(at + marker.length);
  if (/connection/i.test(text) && /not in the 'Connected' State|disconnected|closed/i.test(text)) {
    return 'The party connection dropped; reconnecting…';
  }
  return 'Something went wrong. Try again.';
}

/** This browser's clock for the sync engine: monotonic (no jumps when the system clock is set), on the epoch scale. */
export function localNow(): number {
  return performance.timeOrigin + performance.now();
}
