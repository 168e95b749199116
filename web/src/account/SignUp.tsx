import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { api, ApiError, messageOf } from '../api/client';
import { ErrorNotice } from '../ui/ErrorNotice';
import { Field } from '../ui/Field';
import { AuthLayout } from './AuthLayout';

export function SignUp() {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [fields, setFields] = useState<Record<string, string[]>>({});
  const [sent, setSent] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    setFields({});
    try {
      const answer = await api.post<{ message: string }>('/api/v1/auth/register', { email, password });
      setSent(answer.message);
    } catch (reason) {
      if (reason instanceof ApiError && Object.keys(reason.fields).length > 0) {
        setFields(reason.fields);
      } else {
        setError(messageOf(reason));
      }
    } finally {
      setBusy(false);
    }
  }

  if (sent) {
    return (
      <AuthLayout title="Check your email">
        <p role="status">{sent}</p>
        <p>Open the link in the message to confirm your address, then sign in.</p>
        <Link className="button wide" to="/signin">
          Go to sign in
        </Link>
      </AuthLayout>
    );
  }

  return (
    <AuthLayout title="Create your account">
      <form onSubmit={submit} noValidate>
        <Field label="Email" type="email" autoComplete="email" value={email} onChange={(e) => setEmail(e.target.value)} required errors={fields.email} />
        <Field
          label="Password"
          type="password"
          autoComplete="new-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          required
          hint="At least 8 characters, not a common password; a passphrase works well."
          errors={fields.password}
        />
        {error && <ErrorNotice message={error} />}
        <button className="button button-primary wide" type="submit" disabled={busy}>
          Create account
        </button>
      </form>
      <p className="auth-links">
        Already have an account? <Link to="/signin">Sign in</Link>
      </p>
    </AuthLayout>
  );
}
