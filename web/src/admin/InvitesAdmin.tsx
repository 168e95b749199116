import { api } from '../api/client';
import type { AdminInvites } from '../invites/types';
import { ErrorNotice } from '../ui/ErrorNotice';
import { useLoad } from '../ui/useLoad';

/** Sign-ups per inviter, most first: who brings people in. Counting only; there are no rewards. */
export function InvitesAdmin() {
  const invites = useLoad('admin-invites', (signal) => api.get<AdminInvites>('/api/v1/admin/invites', { signal }));
  if (invites.error) return <ErrorNotice message={invites.error} onRetry={invites.reload} />;
  if (!invites.data) return <p role="status">Loading…</p>;
  const items = invites.data.items;
  return (
    <section className="panel" aria-labelledby="invites-title">
      <h2 id="invites-title">Invites</h2>
      {items.length === 0 ? (
        <p>Nobody has signed up through an invite link yet.</p>
      ) : (
        <div className="table-scroll">
          <table className="table">
            <caption className="visually-hidden">Sign-ups per inviter</caption>
            <thead>
              <tr>
                <th scope="col">Inviter</th>
                <th scope="col">Sign-ups</th>
                <th scope="col">Confirmed</th>
              </tr>
            </thead>
            <tbody>
              {items.map((item) => (
                <tr key={item.userId}>
                  <th scope="row">{item.email}</th>
                  <td>{item.signups}</td>
                  <td>{item.confirmed}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
