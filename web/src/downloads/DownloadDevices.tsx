import { downloadsApi } from '../offline/api';
import { deviceHint } from '../offline/hint';
import { ErrorNotice } from '../ui/ErrorNotice';
import { formatDate } from '../ui/format';
import { useAction } from '../ui/useAction';
import { useLoad } from '../ui/useLoad';

/**
 * The account's download devices (every profile's), as the plan counts them: removing one revokes its downloads
 * (they stop playing at its next check-in) and frees its place for another device.
 */
export function DownloadDevices() {
  const devices = useLoad('download-devices', (signal) => downloadsApi.devices(signal));
  const action = useAction();
  const here = deviceHint();

  async function remove(id: string) {
    if (!(await action.run(() => downloadsApi.removeDevice(id)))) return;
    devices.reload();
    // This browser: its downloads end now rather than at the next start.
    if (id === here) void import('../offline/manager').then((m) => m.checkIn()).catch(() => undefined);
  }

  return (
    <section className="panel" id="downloads" aria-labelledby="download-devices-title">
      <h2 id="download-devices-title">Download devices</h2>
      {devices.error && <ErrorNotice message={devices.error} onRetry={devices.reload} />}
      {devices.data && (
        <p>
          {devices.data.limit === 0
            ? 'Your plan does not include downloads.'
            : `Your plan allows downloads on ${devices.data.limit === 1 ? '1 device' : `${devices.data.limit} devices`}; ${devices.data.items.length} in use.`}
        </p>
      )}
      {devices.data && devices.data.items.length > 0 && (
        <ul className="list">
          {devices.data.items.map((device) => (
            <li key={device.id} className="list-row">
              <span>
                <strong>{device.name || 'Unnamed device'}</strong> {device.id === here && <span className="badge">This device</span>}
                <br />
                <small>
                  {device.downloads === 1 ? '1 download' : `${device.downloads} downloads`} · added {formatDate(device.createdAt)} · last seen {formatDate(device.lastSeenAt)}
                </small>
              </span>
              <button type="button" className="button" disabled={action.busy} onClick={() => void remove(device.id)} aria-label={`Remove ${device.name || 'this device'}`}>
                Remove
              </button>
            </li>
          ))}
        </ul>
      )}
      {action.error && <ErrorNotice message={action.error} />}
    </section>
  );
}
