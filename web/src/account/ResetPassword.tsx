import { useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { api, ApiError, messageOf } from '../api/client';
import { ErrorNotice } from '../ui/ErrorNotice';
import { Field } from '../ui/Field';
import { AuthLayout } from './AuthLayout';

/** Where the reset email's link lands: the address and token come from the link, the new password from the person. */
export function ResetPassword() {
  const [params] = useSearchParams();
  const [password, setPassword] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const answer = await api.post<{ message: string }>('/api/v1/auth/reset-password', {
        email: params.get('email') ?? '',
        token: params.get('token') ?? '',
        newPassword: password,
      });
      setDone(answer.message);
    } catch (reason) {
      setError(reason instanceof ApiError ? reason.message : messageOf(reason));
    } finally {
      setBusy(false);
    }
  }

  return (
    <AuthLayout title="Choose a new password">
      {done ? (
        <>
          <p role="status">{done}</p>
          <Link className="button button-primary wide" to="/signin">
            Sign in
          </Link>
        </>
      ) : (
        <form onSubmit={submit} noValidate>
          <Field label="New password" type="password" autoComplete="new-password" value={password} onChange={(e) => setPassword(e.target.value)} required />
          {error && <ErrorNotice message={error} />}
          <button className="button button-primary wide" type="submit" disabled={busy}>
            Save the new password
          </button>
        </form>
      )}
    </AuthLayout>
  );
}
