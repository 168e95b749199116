import { applyUpdate, useWaitingWorker } from './serviceWorker';

/** "A new version is ready": shown when a new build has installed, so the viewer reloads when it suits them. */
export function UpdateNotice() {
  const waiting = useWaitingWorker();
  if (!waiting) return null;
  return (
    <div className="update-notice" role="status">
      <p>A new version of Marquee is ready.</p>
      <button type="button" className="button button-small" onClick={applyUpdate}>
        Reload
      </button>
    </div>
  );
}
