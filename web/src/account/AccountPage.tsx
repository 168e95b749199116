import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { api, ApiError, messageOf } from '../api/client';
import type { PasskeyView, Plan, SessionsView } from '../api/types';
import { ErrorNotice } from '../ui/ErrorNotice';
import { Field } from '../ui/Field';
import { formatDate } from '../ui/format';
import { useAction } from '../ui/useAction';
import { useLoad } from '../ui/useLoad';
import { addPasskey, passkeysSupported } from './passkeys';
import { useSession } from './session';
import { InviteSection } from '../invites/InviteSection';
import { DownloadDevices } from '../downloads/DownloadDevices';

function price(plan: Plan): string {
  return !plan.priceCentsPerMonth ? 'Free' : `${((plan.priceCentsPerMonth ?? 0) / 100).toFixed(2)} a month`;
}

export default function AccountPage() {
  const session = useSession();
  const account = session.account;
  if (!account) return null;
  return (
    <main className="page account" id="main">
      <h1>Account</h1>
      <section className="panel" aria-labelledby="me-title">
        <h2 id="me-title">You</h2>
        <p>
          Signed in as <strong>{account.email}</strong>
          {session.isAdmin && <span className="badge">Administrator</span>}
        </p>
        <p>
          <Link to="/profiles">Manage profiles</Link>
        </p>
      </section>
      <PlanSection />
      <InviteSection />
      <SessionsSection />
      <DownloadDevices />
      <PasskeysSection />
      <PasswordSection />
    </main>
  );
}

function PlanSection() {
  const session = useSession();
  const plans = useLoad('plans', (signal) => api.get<Plan[]>('/api/v1/plans', { signal }));
  const action = useAction();
  const [done, setDone] = useState<string | null>(null);

  async function choose(plan: Plan) {
    setDone(null);
    if (await action.run(async () => {
      await api.put('/api/v1/account/plan', { planId: plan.id });
      await session.refresh();
    })) {
      setDone(`You are now on the ${plan.name} plan.`);
    }
  }

  return (
    <section className="panel" id="plan" aria-labelledby="plan-title">
      <h2 id="plan-title">Plan</h2>
      {plans.error && <ErrorNotice message={plans.error} onRetry={plans.reload} />}
      <ul className="plans">
        {plans.data?.map((plan) => {
          const current = plan.id === session.account?.plan;
          return (
            <li key={plan.id} className={`plan ${current ? 'plan-current' : ''}`}>
              <h3>{plan.name}</h3>
              <p className="plan-price">{price(plan)}</p>
              <ul className="plan-facts">
                <li>{plan.fullCatalog ? 'The whole catalogue' : 'Free titles only'}</li>
                <li>Up to {plan.maxHeight}p</li>
                <li>{plan.maxStreams === 1 ? '1 screen at a time' : `${plan.maxStreams} screens at a time`}</li>
                <li>{plan.downloadDevices === 0 ? 'No downloads' : `Downloads on ${plan.downloadDevices} devices`}</li>
              </ul>
              {current ? (
                <p className="badge">Your plan</p>
              ) : (
                <button type="button" className="button" onClick={() => void choose(plan)}>
                  Switch to {plan.name}
                </button>
              )}
            </li>
          );
        })}
      </ul>
      {done && <p role="status">{done}</p>}
      {action.error && <ErrorNotice message={action.error} />}
    </section>
  );
}

function SessionsSection() {
  const sessions = useLoad('sessions', (signal) => api.get<SessionsView>('/api/v1/account/sessions', { signal }));
  const session = useSession();
  const action = useAction();

  async function revoke(id: string) {
    if (await action.run(() => api.delete(`/api/v1/account/sessions/${encodeURIComponent(id)}`))) sessions.reload();
  }

  async function everywhere() {
    if (await action.run(() => api.post('/api/v1/account/sign-out-everywhere'))) await session.signOut();
  }

  return (
    <section className="panel" aria-labelledby="sessions-title">
      <h2 id="sessions-title">Devices and sessions</h2>
      {sessions.error && <ErrorNotice message={sessions.error} onRetry={sessions.reload} />}
      {sessions.data && sessions.data.streams.length > 0 && (
        <>
          <h3>Watching now</h3>
          <ul className="list">
            {sessions.data.streams.map((stream) => (
              <li key={stream.leaseId}>
                <strong>{stream.title}</strong> on profile {stream.profileName}
              </li>
            ))}
          </ul>
        </>
      )}
      <h3>Signed in</h3>
      <ul className="list">
        {sessions.data?.sessions.map((item) => (
          <li key={item.id} className="list-row">
            <span>
              <strong>{item.device}</strong> {item.current && <span className="badge">This device</span>}
              <br />
              <small>
                {item.address ?? "unknown address"} · signed in {formatDate(item.createdAt)} · last seen {formatDate(item.lastSeenAt)}
              </small>
            </span>
            {!item.current && (
              <button type="button" className="button" onClick={() => void revoke(item.id)}>
                Sign out
              </button>
            )}
          </li>
        ))}
      </ul>
      {action.error && <ErrorNotice message={action.error} />}
      <button type="button" className="button" onClick={() => void everywhere()}>
        Sign out everywhere
      </button>
    </section>
  );
}

function PasskeysSection() {
  const passkeys = useLoad('passkeys', (signal) => api.get<PasskeyView[]>('/api/v1/account/passkeys', { signal }));
  const [name, setName] = useState('This browser');
  const [error, setError] = useState<string | null>(null);
  const removal = useAction();
  const shownError = error ?? removal.error;

  async function add(event: FormEvent) {
    event.preventDefault();
    setError(null);
    try {
      await addPasskey(name);
      passkeys.reload();
    } catch (reason) {
      setError(reason instanceof ApiError ? reason.message : 'The passkey was not created. Try again.');
    }
  }

  async function remove(id: string) {
    setError(null);
    if (await removal.run(() => api.delete(`/api/v1/account/passkeys/${encodeURIComponent(id)}`))) passkeys.reload();
  }

  return (
    <section className="panel" aria-labelledby="passkeys-title">
      <h2 id="passkeys-title">Passkeys</h2>
      <p>Sign in with your fingerprint, face or device PIN instead of a password.</p>
      <ul className="list">
        {passkeys.data?.map((key) => (
          <li key={key.id} className="list-row">
            <span>
              <strong>{key.name}</strong> <small>added {formatDate(key.createdAt)}</small>
            </span>
            <button type="button" className="button" onClick={() => void remove(key.id)}>
              Remove
            </button>
          </li>
        ))}
      </ul>
      {passkeysSupported() ? (
        <form onSubmit={add} className="inline-form">
          <Field label="Name for the new passkey" value={name} maxLength={60} onChange={(e) => setName(e.target.value)} />
          <button type="submit" className="button">
            Add a passkey
          </button>
        </form>
      ) : (
        <p>This browser cannot create passkeys.</p>
      )}
      {shownError && <ErrorNotice message={shownError} />}
    </section>
  );
}

function PasswordSection() {
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [fields, setFields] = useState<Record<string, string[]>>({});
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    setFields({});
    setDone(false);
    try {
      await api.post('/api/v1/account/password', { currentPassword: current, newPassword: next });
      setDone(true);
      setCurrent('');
      setNext('');
    } catch (reason) {
      if (reason instanceof ApiError && Object.keys(reason.fields).length > 0) setFields(reason.fields);
      else setError(messageOf(reason));
    }
  }

  return (
    <section className="panel" aria-labelledby="password-title">
      <h2 id="password-title">Password</h2>
      <form onSubmit={submit} noValidate>
        <Field label="Current password" type="password" autoComplete="current-password" value={current} onChange={(e) => setCurrent(e.target.value)} errors={fields.currentPassword} />
        <Field label="New password" type="password" autoComplete="new-password" value={next} onChange={(e) => setNext(e.target.value)} errors={fields.newPassword} />
        {error && <ErrorNotice message={error} />}
        {done && <p role="status">Your password is changed. Other devices were signed out.</p>}
        <button type="submit" className="button">
          Change password
        </button>
      </form>
    </section>
  );
}
