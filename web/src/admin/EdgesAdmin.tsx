import { useEffect, useState, type FormEvent } from 'react';
import { api } from '../api/client';
import { useAction } from '../ui/useAction';
import type { EdgeView, RegionView } from '../api/types';
import { ErrorNotice } from '../ui/ErrorNotice';
import { Field } from '../ui/Field';
import { formatBytes, formatDate, percent } from '../ui/format';
import { useLoad } from '../ui/useLoad';

const refreshSeconds = 3;

/** Live view of the delivery network: every edge's health (and why it is degraded), load, cache hit ratio and egress, refreshed every few seconds. */
export function EdgesAdmin() {
  const [tick, setTick] = useState(0);
  const edges = useLoad(`edges/${tick}`, (signal) => api.get<EdgeView[]>('/api/v1/admin/edges', { signal }));
  const regions = useLoad('regions', (signal) => api.get<RegionView[]>('/api/v1/regions', { signal }));
  const [shown, setShown] = useState<EdgeView[]>([]);
  const action = useAction();

  useEffect(() => {
    const timer = window.setInterval(() => setTick((n) => n + 1), refreshSeconds * 1000);
    return () => window.clearInterval(timer);
  }, []);
  // Keep the last good list on screen while the next one loads, so the table does not flicker.
  useEffect(() => {
    if (edges.data) setShown(edges.data);
  }, [edges.data]);

  async function remove(edge: EdgeView) {
    if (!window.confirm(`Remove edge ${edge.id}? It registers again with its next heartbeat if it is still running.`)) return;
    if (await action.run(() => api.delete(`/api/v1/admin/edges/${encodeURIComponent(edge.id)}`))) setTick((n) => n + 1);
  }

  return (
    <>
      <section aria-labelledby="edges-title">
        <h2 id="edges-title">Edges</h2>
        {edges.error && <ErrorNotice message={edges.error} />}
        {action.error && <ErrorNotice message={action.error} />}
        <div className="table-scroll">
          <table className="table edges-table">
            <thead>
              <tr>
                <th scope="col">Edge</th>
                <th scope="col">Region</th>
                <th scope="col">State</th>
                <th scope="col">Load</th>
                <th scope="col">Connections</th>
                <th scope="col">Egress</th>
                <th scope="col">Hit ratio</th>
                <th scope="col">Byte hit ratio</th>
                <th scope="col">Cache</th>
                <th scope="col">Last heartbeat</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {shown.map((edge) => (
                <tr key={edge.id} data-edge={edge.id}>
                  <th scope="row">
                    {edge.id}
                    <br />
                    <small>{edge.baseUrl}</small>
                  </th>
                  <td>{edge.region}</td>
                  <td>
                    <EdgeState edge={edge} />
                  </td>
                  <td>
                    <meter min={0} max={1} high={0.8} optimum={0.2} value={Math.min(1, edge.loadFactor)} aria-label={`Load of ${edge.id}`} /> {percent(edge.loadFactor)}
                  </td>
                  <td>{edge.activeConnections}</td>
                  <td>{formatBytes(edge.egressBytesPerSecond)}/s</td>
                  <td>{percent(edge.hitRatio)}</td>
                  <td>{percent(edge.byteHitRatio)}</td>
                  <td>
                    {formatBytes(edge.cacheUsedBytes)} of {formatBytes(edge.cacheCapacityBytes)}
                  </td>
                  <td>{formatDate(edge.lastSeen)}</td>
                  <td>
                    <button type="button" className="button" onClick={() => void remove(edge)}>
                      Remove
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {edges.data && edges.data.length === 0 && <p>No edge has registered. Start one with ./marquee edge (see the README).</p>}
      </section>
      <section aria-labelledby="regions-title">
        <h2 id="regions-title">Regions</h2>
        {regions.error && <ErrorNotice message={regions.error} onRetry={regions.reload} />}
        <ul className="list">
          {regions.data?.map((region) => (
            <li key={region.id}>
              <strong>{region.name}</strong> ({region.id}): {region.countries.join(', ')}
            </li>
          ))}
        </ul>
        <RegionForm onSaved={regions.reload} />
      </section>
    </>
  );
}

/**
 * Down (missed heartbeats), Unhealthy (said so), Degraded (serving, but worse: steering sends viewers to it only after
 * the healthy edges of its region) with the edge's reason, or Healthy. The reason is the edge's own words: text, never HTML.
 */
function EdgeState({ edge }: { edge: EdgeView }) {
  if (!edge.live) return <span className="state state-bad">Down</span>;
  if (!edge.healthy) return <span className="state state-bad">Unhealthy</span>;
  if (edge.degraded) {
    return (
      <>
        <span className="state state-warn">Degraded</span>
        {edge.degradedReason && <small className="state-reason">{edge.degradedReason}</small>}
      </>
    );
  }
  return <span className="state state-ok">Healthy</span>;
}

function RegionForm({ onSaved }: { onSaved: () => void }) {
  const [id, setId] = useState('');
  const [name, setName] = useState('');
  const [countries, setCountries] = useState('');
  const action = useAction();

  async function save(event: FormEvent) {
    event.preventDefault();
    const body = { name, countries: countries.split(',').map((c) => c.trim().toUpperCase()).filter(Boolean) };
    if (await action.run(() => api.put(`/api/v1/admin/regions/${encodeURIComponent(id.trim())}`, body))) {
      setId('');
      setName('');
      setCountries('');
      onSaved();
    }
  }

  return (
    <form className="panel" onSubmit={save} aria-label="Add or change a region">
      <h3>Add or change a region</h3>
      <div className="field-row">
        <Field label="Id" value={id} onChange={(e) => setId(e.target.value)} placeholder="eu" />
        <Field label="Name" value={name} onChange={(e) => setName(e.target.value)} placeholder="Europe" />
        <Field label="Countries" value={countries} onChange={(e) => setCountries(e.target.value)} placeholder="DE, FR, NL" />
      </div>
      {action.error && <ErrorNotice message={action.error} />}
      <button type="submit" className="button" disabled={!id.trim() || action.busy}>
        Save region
      </button>
    </form>
  );
}
