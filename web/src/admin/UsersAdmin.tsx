import { useEffect, useState } from 'react';
import { api, query } from '../api/client';
import { useAction } from '../ui/useAction';
import type { AdminUser, AdminUserPage, Plan } from '../api/types';
import { ErrorNotice } from '../ui/ErrorNotice';
import { formatDate } from '../ui/format';
import { useLoad } from '../ui/useLoad';
import { useSettled } from '../ui/useSettled';

export function UsersAdmin() {
  const [q, setQ] = useState('');
  const settled = useSettled(q, 250);
  const [skip, setSkip] = useState(0);
  const users = useLoad(`users/${settled}/${skip}`, (signal) => api.get<AdminUserPage>(`/api/v1/admin/users${query({ q: settled, skip, take: 50 })}`, { signal }));
  const plans = useLoad('plans', (signal) => api.get<Plan[]>('/api/v1/plans', { signal }));
  const action = useAction();

  useEffect(() => setSkip(0), [settled]);

  const act = async (call: () => Promise<unknown>) => {
    if (await action.run(call)) users.reload();
  };

  const changePlan = (user: AdminUser, planId: string) =>
    act(() => api.put(`/api/v1/admin/users/${encodeURIComponent(user.id)}/plan`, { planId }));
  const setDisabled = (user: AdminUser, disabled: boolean) =>
    act(() => api.post(`/api/v1/admin/users/${encodeURIComponent(user.id)}/${disabled ? 'disable' : 'enable'}`));

  return (
    <>
      <section aria-labelledby="users-title">
        <h2 id="users-title">Users</h2>
        <div className="field">
          <label htmlFor="user-search">Find by email</label>
          <input id="user-search" type="search" value={q} onChange={(e) => setQ(e.target.value)} />
        </div>
        {users.error && <ErrorNotice message={users.error} onRetry={users.reload} />}
        {action.error && <ErrorNotice message={action.error} />}
        <div className="table-scroll">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Email</th>
                <th scope="col">Plan</th>
                <th scope="col">Roles</th>
                <th scope="col">Joined</th>
                <th scope="col">State</th>
              </tr>
            </thead>
            <tbody>
              {users.data?.items.map((user) => (
                <tr key={user.id}>
                  <th scope="row">
                    {user.email} {!user.emailConfirmed && <span className="badge">unconfirmed</span>}
                  </th>
                  <td>
                    <select aria-label={`Plan of ${user.email}`} value={user.plan} onChange={(e) => void changePlan(user, e.target.value)}>
                      {plans.data?.map((plan) => (
                        <option key={plan.id} value={plan.id}>
                          {plan.name}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td>{user.roles.join(', ')}</td>
                  <td>{formatDate(user.createdAt)}</td>
                  <td>
                    <button type="button" className="button" onClick={() => void setDisabled(user, !user.disabled)}>
                      {user.disabled ? 'Enable' : 'Disable'}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {users.data && (
          <div className="row-actions">
            <button className="button" type="button" disabled={skip === 0} onClick={() => setSkip(Math.max(0, skip - 50))}>
              Previous
            </button>
            <span>
              {users.data.total === 0 ? 'No users' : `${skip + 1}–${Math.min(skip + 50, users.data.total)} of ${users.data.total}`}
            </span>
            <button className="button" type="button" disabled={skip + 50 >= users.data.total} onClick={() => setSkip(skip + 50)}>
              Next
            </button>
          </div>
        )}
      </section>
      <PlansEditor plans={plans.data ?? []} onSaved={plans.reload} />
    </>
  );
}

function PlansEditor({ plans, onSaved }: { plans: Plan[]; onSaved: () => void }) {
  const [drafts, setDrafts] = useState<Record<string, Plan>>({});
  const action = useAction();
  const [saved, setSaved] = useState<string | null>(null);

  async function save(plan: Plan) {
    setSaved(null);
    const { id, ...update } = drafts[plan.id] ?? plan;
    if (await action.run(() => api.put(`/api/v1/plans/${encodeURIComponent(id)}`, update))) {
      setSaved(`The ${plan.name} plan is saved.`);
      onSaved();
    }
  }

  const edit = (plan: Plan, change: Partial<Plan>) => setDrafts({ ...drafts, [plan.id]: { ...(drafts[plan.id] ?? plan), ...change } });
  return (
    <section aria-labelledby="plans-title">
      <h2 id="plans-title">Plans</h2>
      <div className="table-scroll">
        <table className="table">
          <thead>
            <tr>
              <th scope="col">Plan</th>
              <th scope="col">Whole catalogue</th>
              <th scope="col">Max height</th>
              <th scope="col">Screens</th>
              <th scope="col">Download devices</th>
              <th scope="col">Price (cents a month)</th>
              <th scope="col">
                <span className="visually-hidden">Save</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {plans.map((plan) => {
              const draft = drafts[plan.id] ?? plan;
              const number = (key: 'maxHeight' | 'maxStreams' | 'downloadDevices' | 'priceCentsPerMonth') => (
                <input type="number" aria-label={`${key} of ${plan.name}`} value={draft[key]} min={0} onChange={(e) => edit(plan, { [key]: Number(e.target.value) })} />
              );
              return (
                <tr key={plan.id}>
                  <th scope="row">
                    <input aria-label={`Name of plan ${plan.id}`} value={draft.name} onChange={(e) => edit(plan, { name: e.target.value })} />
                  </th>
                  <td>
                    <input type="checkbox" aria-label={`${plan.name} includes the whole catalogue`} checked={draft.fullCatalog} onChange={(e) => edit(plan, { fullCatalog: e.target.checked })} />
                  </td>
                  <td>{number('maxHeight')}</td>
                  <td>{number('maxStreams')}</td>
                  <td>{number('downloadDevices')}</td>
                  <td>{number('priceCentsPerMonth')}</td>
                  <td>
                    <button type="button" className="button" onClick={() => void save(plan)}>
                      Save
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {action.error && <ErrorNotice message={action.error} />}
      {saved && <p role="status">{saved}</p>}
    </section>
  );
}
