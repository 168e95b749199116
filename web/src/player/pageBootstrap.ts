import type { PlaybackView } from '../api/types';

/** What the origin writes into the page it serves for /watch/{id} (a JSON data block, see the origin's WatchPage). */
export interface PageBootstrap {
  id?: string;
  playback?: PlaybackView;
  antiforgery?: { token?: string; headerName?: string };
  /** The video rendition's playlist (e.g. media_1.m3u8) the page preloaded, for hls.js to start on. */
  start?: string;
}

let read = false;
let bootstrap: PageBootstrap | undefined;

/**
 * The page's playback data block, read once and taken out of the document. Free of every other module: the player
 * page's first script (earlyStream.ts, before the app) and the app both read it.
 */
export function pageBootstrap(): PageBootstrap | undefined {
  if (read) return bootstrap;
  read = true;
  const element = document.getElementById('marquee-playback');
  if (!element) return undefined;
  element.remove();
  try {
    bootstrap = JSON.parse(element.textContent ?? '') as PageBootstrap;
  } catch {
    bootstrap = undefined;
  }
  return bootstrap;
}

let appHold: Promise<void> | undefined;

/**
 * Set by the early stream as it starts: the app's first render waits for this (main.tsx), so that React and the
 * app do not take the CPU from hls.js on its way to the first frame.
 */
export function holdApp(until: Promise<void>): void {
  appHold = until;
}

/** What the app's first render waits for, if anything. */
export function heldApp(): Promise<void> | undefined {
  return appHold;
}
