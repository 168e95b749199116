/**
 * The downloader's total rate cap (the licence's `maxBytesPerSecond`), shared by every segment fetch: a token bucket
 * refilled at the cap, holding at most one second of bytes, that a reader takes from before it reads on. Reading is
 * what pulls bytes through the connection, so a reader that waits slows the transfer itself, and a download leaves
 * room for someone else's playback in the same house. No DOM, so `npm test` runs it in Node.
 */
export class RateLimit {
  private bytesPerSecond: number;
  private available: number;
  private last: number;
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;

  /** `now` in milliseconds and `sleep` are the caller's (the page's clock and timers; a test's own). */
  constructor(bytesPerSecond: number, now: () => number, sleep: (ms: number) => Promise<void>) {
    this.bytesPerSecond = bytesPerSecond;
    this.now = now;
    this.sleep = sleep;
    this.available = bytesPerSecond;
    this.last = now();
  }

  /** A new cap (0 = none); a licence answer may carry another. */
  setRate(bytesPerSecond: number): void {
    this.refill();
    this.bytesPerSecond = bytesPerSecond;
    this.available = Math.min(this.available, bytesPerSecond);
  }

  get rate(): number {
    return this.bytesPerSecond;
  }

  private refill(): void {
    const now = this.now();
    const elapsed = Math.max(0, now - this.last) / 1000;
    this.last = now;
    this.available = Math.min(this.bytesPerSecond, this.available + elapsed * this.bytesPerSecond);
  }

  /**
   * Resolves once `bytes` may go: at once while the bucket holds them, else after the time the cap needs. The bucket
   * may go below zero for a chunk bigger than a second's worth; the next takers wait for it to refill.
   */
  async take(bytes: number): Promise<void> {
    if (this.bytesPerSecond <= 0) return;
    this.refill();
    this.available -= bytes;
    if (this.available >= 0) return;
    const waitMs = (-this.available / this.bytesPerSecond) * 1000;
    await this.sleep(waitMs);
  }
}
