// The watch party's sync modules (web/src/party), compiled by `npm test` into .test-build: the clock estimate, the
// expected position, the correction ladder and the engine that drives a video (a plain object here).
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import test from 'node:test';

const require = createRequire(import.meta.url);
const { ClockEstimate, sampleOf, bestSample } = require('../.test-build/party/clock.js');
const { expectedPosition, Timeline } = require('../.test-build/party/timeline.js');
const { correction } = require('../.test-build/party/ladder.js');
const { SyncEngine } = require('../.test-build/party/engine.js');

const state = (over = {}) => ({ version: 1, playableId: 'p', playing: true, position: 10, atMs: 1_000_000, rate: 1, waitingUntilMs: null, byMemberId: null, ...over });

test('a ping sample: the offset is the mean of the two one-way differences, the delay the round trip less the server time', () => {
  // Server clock 5,000 ms ahead; 40 ms each way; the server took 2 ms.
  const s = sampleOf(100, 5140, 5142, 182);
  assert.equal(s.offsetMs, 5000);
  assert.equal(s.delayMs, 80);
});

test('the clock believes the lowest-delay sample of the last eight', () => {
  const clock = new ClockEstimate();
  assert.equal(clock.offsetMs, 0);
  assert.equal(clock.rttMs, null);
  // An asymmetric slow sample (queueing on the way back) says 4,940; the quick one says 5,000.
  clock.add(0, 5010, 5010, 140); // delay 140, offset 4940
  clock.add(1000, 6010, 6010, 1020); // delay 20, offset 5000
  clock.add(2000, 7100, 7100, 2100); // delay 100, offset 5050
  assert.equal(clock.offsetMs, 5000);
  assert.equal(clock.rttMs, 20);
  assert.equal(clock.serverNow(10_000), 15_000);
  // Eight more slow samples push the quick one out of the window.
  for (let i = 0; i < 8; i++) clock.add(3000 + i, 8000 + i + 30, 8000 + i + 30, 3000 + i + 60);
  assert.equal(clock.count, 8);
  assert.equal(clock.rttMs, 60);
  assert.equal(clock.offsetMs, 5000);
  assert.equal(bestSample([]), null);
});

test('after a reconnect the clock keeps only its best sample until new ones come', () => {
  const clock = new ClockEstimate();
  clock.add(0, 5010, 5010, 40);
  clock.add(0, 5100, 5100, 300);
  clock.restart();
  assert.equal(clock.count, 1);
  assert.equal(clock.rttMs, 40);
});

test('the expected position moves with the server clock while playing, at the party rate, and not before atMs', () => {
  assert.equal(expectedPosition(state(), 1_002_000), 12);
  assert.equal(expectedPosition(state({ rate: 1.5 }), 1_002_000), 13);
  assert.equal(expectedPosition(state({ playing: false }), 1_002_000), 10);
  assert.equal(expectedPosition(state(), 999_000), 10);
});

test('a timeline holds the previous state until the next one is due, and ignores stale versions', () => {
  const line = new Timeline();
  line.add(state({ version: 1, atMs: 1000, position: 0 }));
  line.add(state({ version: 2, atMs: 3000, playing: false, position: 2 }));
  assert.equal(line.at(2000).version, 1);
  assert.equal(line.next(2000).version, 2);
  assert.equal(line.at(3000).version, 2);
  assert.equal(line.next(3000), null);
  assert.equal(line.add(state({ version: 2, atMs: 4000 })), false);
  assert.equal(line.add(state({ version: 1, atMs: 5000 })), false);
  // A joiner whose first state is still ahead holds it from now on.
  const joiner = new Timeline();
  joiner.reset(state({ version: 7, atMs: 9000 }));
  assert.equal(joiner.at(8000).version, 7);
});

test('a newer command for an earlier time replaces one scheduled later', () => {
  const line = new Timeline();
  line.add(state({ version: 1, atMs: 1000 }));
  line.add(state({ version: 2, atMs: 5000 }));
  line.add(state({ version: 3, atMs: 4000 }));
  assert.equal(line.at(6000).version, 3);
});

test('the ladder: nothing under 50 ms, a rate within 0.95–1.05 up to 2 s, a seek beyond', () => {
  const base = { correcting: false, baseRate: 1, canChangeRate: true };
  assert.deepEqual(correction({ ...base, driftMs: 49 }), { kind: 'none' });
  assert.deepEqual(correction({ ...base, driftMs: -49 }), { kind: 'none' });
  const ahead = correction({ ...base, driftMs: 60 });
  assert.equal(ahead.kind, 'rate');
  assert.ok(ahead.rate < 1 && ahead.rate >= 0.95, `ahead plays slower, got ${ahead.rate}`);
  const behind = correction({ ...base, driftMs: -60 });
  assert.ok(behind.rate > 1 && behind.rate <= 1.05, `behind plays faster, got ${behind.rate}`);
  assert.equal(correction({ ...base, driftMs: -1999 }).rate, 1.05);
  assert.equal(correction({ ...base, driftMs: 1999 }).rate, 0.95);
  assert.deepEqual(correction({ ...base, driftMs: 2001 }), { kind: 'seek' });
  assert.deepEqual(correction({ ...base, driftMs: -2500 }), { kind: 'seek' });
  // Proportional: a small drift gets a small change.
  assert.ok(Math.abs(correction({ ...base, driftMs: 60 }).rate - 1) < Math.abs(correction({ ...base, driftMs: 90 }).rate - 1));
});

test('the ladder keeps correcting down to 20 ms once started, and scales the party rate', () => {
  assert.equal(correction({ driftMs: 30, correcting: true, baseRate: 1, canChangeRate: true }).kind, 'rate');
  assert.equal(correction({ driftMs: 30, correcting: false, baseRate: 1, canChangeRate: true }).kind, 'none');
  assert.equal(correction({ driftMs: 19, correcting: true, baseRate: 1, canChangeRate: true }).kind, 'none');
  const r = correction({ driftMs: -1000, correcting: false, baseRate: 2, canChangeRate: true });
  assert.equal(r.rate, 2.1);
});

test('players that cannot change their rate seek only, past 250 ms', () => {
  const base = { correcting: false, baseRate: 1, canChangeRate: false };
  assert.deepEqual(correction({ ...base, driftMs: 200 }), { kind: 'none' });
  assert.deepEqual(correction({ ...base, driftMs: -300 }), { kind: 'seek' });
});

/** A video as the engine sees it: time moves only when told, by `advance`. */
function fakeVideo() {
  const video = {
    currentTime: 0, duration: 600, paused: true, seeking: false, readyState: 4, playbackRate: 1, plays: 0, pauses: 0,
    play() { this.paused = false; this.plays++; return Promise.resolve(); },
    pause() { this.paused = true; this.pauses++; },
    advance(ms) { if (!this.paused && this.readyState >= 3) this.currentTime += (ms / 1000) * this.playbackRate; },
  };
  return video;
}

function rig() {
  let now = 1_000_000;
  const engine = new SyncEngine(() => now);
  const video = fakeVideo();
  const step = (ms) => { now += ms; video.advance(ms); };
  return { engine, video, step, at: () => now };
}

test('a joiner seeks ahead of a playing party, waits there, and starts when the party arrives', () => {
  const { engine, video, step, at } = rig();
  engine.reset(state({ atMs: at() - 5000, position: 0 }));
  const start = engine.startPosition();
  assert.ok(Math.abs(start - 6) < 1e-9, `starts a second ahead of 5 s, got ${start}`);
  engine.setMedia(video);
  video.currentTime = start;
  engine.tick();
  assert.equal(video.paused, true);
  assert.equal(engine.status.state, 'catchingUp');
  step(980);
  engine.tick();
  assert.equal(video.paused, true);
  step(20);
  engine.tick();
  assert.equal(video.paused, false);
  step(200);
  engine.tick();
  assert.ok(Math.abs(engine.status.driftMs) < 1, `drift ${engine.status.driftMs}`);
  assert.equal(engine.status.inSync, true);
  assert.equal(engine.status.state, 'playing');
});

test('a member that buffers keeps reporting buffering, then catches up by rate when it is a little behind', () => {
  const { engine, video, step, at } = rig();
  engine.reset(state({ atMs: at(), position: 0 }));
  engine.setMedia(video);
  engine.tick();
  step(1000);
  engine.tick();
  assert.ok(Math.abs(engine.status.driftMs) < 1);
  video.readyState = 2;
  step(500);
  engine.tick();
  assert.equal(engine.status.state, 'buffering');
  video.readyState = 4;
  step(250);
  engine.tick();
  assert.equal(engine.status.state, 'catchingUp');
  assert.equal(video.playbackRate, 1.05);
  for (let i = 0; i < 200 && engine.status.state !== 'playing'; i++) {
    step(250);
    engine.tick();
  }
  assert.equal(engine.status.state, 'playing');
  assert.ok(Math.abs(engine.status.driftMs) < 50, `caught up to ${engine.status.driftMs} ms`);
  assert.equal(video.playbackRate, 1);
});

test('a pause takes effect at its time and steps back to the exact frame; a seek command jumps', () => {
  const { engine, video, step, at } = rig();
  engine.reset(state({ atMs: at(), position: 0 }));
  engine.setMedia(video);
  engine.tick();
  step(2000);
  engine.push(state({ version: 2, playing: false, position: 1.9, atMs: at() + 300 }));
  engine.tick();
  assert.equal(video.paused, false, 'the pause waits for its atMs');
  step(300);
  engine.tick();
  assert.equal(video.paused, true);
  assert.equal(video.currentTime, 1.9);
  assert.equal(engine.status.state, 'paused');
  engine.push(state({ version: 3, playing: true, position: 40, atMs: at() + 100 }));
  step(100);
  engine.tick();
  assert.equal(engine.status.state, 'catchingUp');
  assert.ok(video.currentTime > 40, 'sought ahead of 40 s');
});

test('waiting for everyone: a member settled at the position reports ready', () => {
  const { engine, video, at } = rig();
  engine.reset(state({ playing: false, position: 30, waitingUntilMs: at() + 10000 }));
  engine.setMedia(video);
  engine.tick();
  video.currentTime = 30;
  engine.tick();
  assert.equal(engine.status.state, 'ready');
});

test('a refused autoplay stops steering until the viewer gives a gesture', async () => {
  let blocked = 0;
  let now = 1_000_000;
  const engine = new SyncEngine(() => now, () => true, () => blocked++);
  const video = fakeVideo();
  video.play = function () { const e = new Error('no'); e.name = 'NotAllowedError'; return Promise.reject(e); };
  engine.reset(state({ atMs: now, position: 0 }));
  engine.setMedia(video);
  engine.tick();
  await new Promise((r) => setImmediate(r));
  assert.equal(blocked, 1);
  now += 1000;
  engine.tick();
  assert.equal(engine.status.state, 'paused');
});

test('a player that ignores rate changes is corrected by seeking instead', () => {
  const { engine, video, step, at } = rig();
  let rate = 1;
  Object.defineProperty(video, 'playbackRate', { get: () => rate, set: () => { rate = 1; } });
  engine.reset(state({ atMs: at(), position: 0 }));
  engine.setMedia(video);
  engine.tick();
  step(1000);
  engine.tick();
  // 400 ms behind: a rate change is tried, does not stick; the next look seeks (ahead, to wait for the party).
  video.currentTime -= 0.4;
  for (let i = 0; i < 3; i++) {
    engine.tick();
    step(250);
  }
  engine.tick();
  assert.equal(engine.status.state, 'catchingUp');
  assert.equal(video.paused, true, 'waiting ahead for the party after the seek');
  assert.ok(video.currentTime > 1.5, `sought ahead, at ${video.currentTime}`);
});

test('a start that left the member far behind (a cold decoder) is made again once', () => {
  let now = 1_000_000;
  const engine = new SyncEngine(() => now);
  const video = fakeVideo();
  // Like Firefox: the picture moves 300 ms after the first play(), 20 ms after later ones.
  let movesAt = Infinity;
  let lag = 300;
  video.play = function () { this.paused = false; movesAt = now + lag; lag = 20; return Promise.resolve(); };
  video.pause = function () { this.paused = true; movesAt = Infinity; };
  const step = (ms) => {
    for (let i = 0; i < ms; i += 10) {
      now += 10;
      if (!video.paused && now > movesAt) video.currentTime += 0.01 * video.playbackRate;
    }
  };
  engine.reset(state({ atMs: now - 5000, position: 0 }));
  video.currentTime = engine.startPosition();
  engine.setMedia(video);
  let retried = false;
  for (let i = 0; i < 60; i++) {
    engine.tick();
    if (i > 0 && engine.status.state === 'catchingUp' && video.paused && video.currentTime > 7) retried = true;
    step(100);
  }
  assert.ok(retried, 'the missed start was made again');
  assert.ok(Math.abs(engine.status.driftMs) < 50, `in sync after the second start: ${engine.status.driftMs} ms`);
});
