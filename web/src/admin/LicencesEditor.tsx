import { useEffect, useState } from 'react';
import { api, ApiError, messageOf } from '../api/client';
import type { LicenceView } from '../api/types';
import { ErrorNotice } from '../ui/ErrorNotice';
import { useLoad } from '../ui/useLoad';

interface Row {
  country: string;
  startsAt: string;
  endsAt: string;
  tier: string;
}

/** datetime-local inputs speak local time without a zone; the API speaks ISO 8601 instants. */
function toInput(iso: string | null): string {
  if (!iso) return '';
  const date = new Date(iso);
  const local = new Date(date.getTime() - date.getTimezoneOffset() * 60000);
  return local.toISOString().slice(0, 16);
}

function fromInput(value: string): string | null {
  return value ? new Date(value).toISOString() : null;
}

export function LicencesEditor({ titleId }: { titleId: string }) {
  const licences = useLoad(`licences/${titleId}`, (signal) => api.get<LicenceView[]>(`/api/v1/admin/titles/${encodeURIComponent(titleId)}/licences`, { signal }));
  const [rows, setRows] = useState<Row[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);

  useEffect(() => {
    if (licences.data) {
      setRows(licences.data.map((l) => ({ country: l.country, startsAt: toInput(l.startsAt), endsAt: toInput(l.endsAt), tier: l.tier })));
    }
  }, [licences.data]);

  function update(index: number, change: Partial<Row>) {
    setSaved(false);
    setRows(rows.map((row, i) => (i === index ? { ...row, ...change } : row)));
  }

  async function save() {
    setError(null);
    try {
      const body = rows.map((r) => ({ country: r.country.trim().toUpperCase(), startsAt: fromInput(r.startsAt), endsAt: fromInput(r.endsAt), tier: r.tier }));
      licences.setData(await api.put<LicenceView[]>(`/api/v1/admin/titles/${encodeURIComponent(titleId)}/licences`, body));
      setSaved(true);
    } catch (reason) {
      setError(reason instanceof ApiError ? reason.message : messageOf(reason));
    }
  }

  return (
    <section className="panel" aria-labelledby="licences-title">
      <h2 id="licences-title">Licences</h2>
      <p className="hint">Where and when the title may be watched. Country is a two-letter code, or * for everywhere. No licence means nobody can watch it.</p>
      {licences.error && <ErrorNotice message={licences.error} onRetry={licences.reload} />}
      <table className="table">
        <thead>
          <tr>
            <th scope="col">Country</th>
            <th scope="col">From</th>
            <th scope="col">Until</th>
            <th scope="col">Tier</th>
            <th scope="col">
              <span className="visually-hidden">Remove</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row, index) => (
            <tr key={index}>
              <td>
                <input aria-label={`Country of licence ${index + 1}`} value={row.country} maxLength={2} size={3} onChange={(e) => update(index, { country: e.target.value })} />
              </td>
              <td>
                <input aria-label={`Start of licence ${index + 1}`} type="datetime-local" value={row.startsAt} onChange={(e) => update(index, { startsAt: e.target.value })} />
              </td>
              <td>
                <input aria-label={`End of licence ${index + 1}`} type="datetime-local" value={row.endsAt} onChange={(e) => update(index, { endsAt: e.target.value })} />
              </td>
              <td>
                <select aria-label={`Tier of licence ${index + 1}`} value={row.tier} onChange={(e) => update(index, { tier: e.target.value })}>
                  <option value="subscription">With a plan</option>
                  <option value="free">Free</option>
                </select>
              </td>
              <td>
                <button type="button" className="button" onClick={() => setRows(rows.filter((_, i) => i !== index))} aria-label={`Remove licence ${index + 1}`}>
                  ✕
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {error && <ErrorNotice message={error} />}
      {saved && <p role="status">Licences saved.</p>}
      <div className="row-actions">
        <button type="button" className="button" onClick={() => setRows([...rows, { country: '*', startsAt: '', endsAt: '', tier: 'subscription' }])}>
          Add a licence
        </button>
        <button type="button" className="button button-primary" onClick={() => void save()}>
          Save licences
        </button>
      </div>
    </section>
  );
}
