import { useSyncExternalStore } from 'react';

/**
 * The service worker (src/pwa/sw.js, served at /sw.js): registered once the page has loaded, so it never competes
 * with the first visit's own requests. A new build's worker waits until the viewer says so (UpdateNotice), then takes
 * over and the page reloads onto the new build, so a page never runs half old, half new code.
 */
let waiting: ServiceWorker | null = null;
const listeners = new Set<() => void>();

function setWaiting(worker: ServiceWorker | null): void {
  waiting = worker;
  listeners.forEach((listener) => listener());
}

export function registerServiceWorker(): void {
  // `npm run dev` serves sources, not a build: nothing to precache there.
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
  const register = () => {
    navigator.serviceWorker.register('/sw.js', { scope: '/' }).then(
      (registration) => {
        // Only an update waits: the first worker has no page running an older build.
        if (registration.waiting && navigator.serviceWorker.controller) setWaiting(registration.waiting);
        registration.addEventListener('updatefound', () => {
          const installing = registration.installing;
          installing?.addEventListener('statechange', () => {
            if (installing.state === 'installed' && navigator.serviceWorker.controller) setWaiting(installing);
          });
        });
      },
      (error: unknown) => console.warn('The service worker was not registered; Marquee will not open offline.', error),
    );
    let reloading = false;
    navigator.serviceWorker.addEventListener('controllerchange', () => {
      if (reloading || !waiting) return;
      reloading = true;
      window.location.reload();
    });
  };
  if (document.readyState === 'complete') register();
  else window.addEventListener('load', register, { once: true });
}

/** The new build's worker waiting to take over, or null. */
export function useWaitingWorker(): ServiceWorker | null {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => waiting,
  );
}

/** Lets the waiting worker take over; the page reloads when it has (controllerchange above). */
export function applyUpdate(): void {
  waiting?.postMessage({ type: 'skip-waiting' });
}
