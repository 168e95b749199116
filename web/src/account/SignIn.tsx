import { useState, type FormEvent } from 'react';
import { Link, useLocation, useNavigate } from 'react-router';
import { api, ApiError, messageOf, resetAntiforgery } from '../api/client';
import { ErrorNotice } from '../ui/ErrorNotice';
import { Field } from '../ui/Field';
import { AuthLayout } from './AuthLayout';
import { passkeysSupported, signInWithPasskey } from './passkeys';
import { useSession } from './session';

export function SignIn() {
  const session = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [fields, setFields] = useState<Record<string, string[]>>({});
  const [busy, setBusy] = useState(false);
  const next = new URLSearchParams(location.search).get('next');

  async function finish() {
    resetAntiforgery();
    sessionStorage.removeItem('marquee.profile-picked');
    await session.refresh();
    navigate(`/profiles${next && next.startsWith('/') && !next.startsWith('//') ? `?next=${encodeURIComponent(next)}` : ''}`, { replace: true });
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    setFields({});
    try {
      await api.post('/api/v1/auth/browser/login', { email, password });
      await finish();
    } catch (reason) {
      setError(messageOf(reason));
      if (reason instanceof ApiError) setFields(reason.fields);
    } finally {
      setBusy(false);
    }
  }

  async function passkey() {
    setBusy(true);
    setError(null);
    try {
      await signInWithPasskey();
      await finish();
    } catch (reason) {
      setError(reason instanceof ApiError ? reason.message : 'Signing in with a passkey did not complete. Try again, or use your password.');
    } finally {
      setBusy(false);
    }
  }

  return (
    <AuthLayout title="Sign in">
      <form onSubmit={submit} noValidate>
        <Field label="Email" type="email" autoComplete="username webauthn" value={email} onChange={(e) => setEmail(e.target.value)} required errors={fields.email} />
        <Field label="Password" type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} required errors={fields.password} />
        {error && <ErrorNotice message={error} />}
        <button className="button button-primary wide" type="submit" disabled={busy}>
          Sign in
        </button>
      </form>
      {passkeysSupported() && (
        <button className="button wide" type="button" onClick={passkey} disabled={busy}>
          Sign in with a passkey
        </button>
      )}
      <p className="auth-links">
        <Link to="/forgot-password">Forgot your password?</Link>
        <span aria-hidden="true"> · </span>
        <Link to="/signup">Create an account</Link>
      </p>
    </AuthLayout>
  );
}
