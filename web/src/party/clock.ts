/**
 * The server's clock as seen from this browser, NTP style: each Ping gives four timestamps (t0 sent here, t1
 * received there, t2 sent there, t3 received here). A sample's offset is what to add to this clock to read the
 * server's; its delay is the round trip less the server's own time. The sample with the lowest delay of the last
 * few is the one least skewed by queueing on the way, so that one is believed.
 */
export interface ClockSample {
  /** Server clock minus local clock, ms. */
  offsetMs: number;
  /** Network round trip, ms (the server's handling excluded). */
  delayMs: number;
}

export const keptSamples = 8;

export function sampleOf(t0: number, t1: number, t2: number, t3: number): ClockSample {
  return { offsetMs: (t1 - t0 + (t2 - t3)) / 2, delayMs: Math.max(0, t3 - t0 - (t2 - t1)) };
}

/** The sample to believe: the lowest delay among the given ones (the last `keptSamples`). */
export function bestSample(samples: readonly ClockSample[]): ClockSample | null {
  let best: ClockSample | null = null;
  for (const sample of samples) {
    if (!best || sample.delayMs < best.delayMs) best = sample;
  }
  return best;
}

/** The last few samples and what they say; not tied to any clock or network, so tests feed it numbers. */
export class ClockEstimate {
  private samples: ClockSample[] = [];

  add(t0: number, t1: number, t2: number, t3: number): ClockSample {
    const sample = sampleOf(t0, t1, t2, t3);
    this.samples = [...this.samples, sample].slice(-keptSamples);
    return sample;
  }

  /** Forget what was measured (after a reconnect the route may differ); the last best is kept until new ones come. */
  restart(): void {
    const best = bestSample(this.samples);
    this.samples = best ? [best] : [];
  }

  get count(): number {
    return this.samples.length;
  }

  /** Server minus local, ms; 0 before any sample. */
  get offsetMs(): number {
    return bestSample(this.samples)?.offsetMs ?? 0;
  }

  /** The believed sample's round trip, ms; null before any sample. */
  get rttMs(): number | null {
    const best = bestSample(this.samples);
    return best ? best.delayMs : null;
  }

  serverNow(localNowMs: number): number {
    return localNowMs + this.offsetMs;
  }
}
