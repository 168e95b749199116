import { Link, useSearchParams } from 'react-router';
import { api } from '../api/client';
import { ErrorNotice } from '../ui/ErrorNotice';
import { useLoad } from '../ui/useLoad';
import { AuthLayout } from './AuthLayout';

/** Where the confirmation email's link lands: it confirms the address, then offers sign-in. */
export function Confirm() {
  const [params] = useSearchParams();
  const userId = params.get('userId') ?? '';
  const token = params.get('token') ?? '';
  const result = useLoad(`${userId}/${token}`, (signal) =>
    api.get<{ message: string }>(`/api/v1/auth/confirm?userId=${encodeURIComponent(userId)}&token=${encodeURIComponent(token)}`, { signal }),
  );

  return (
    <AuthLayout title="Confirm your address">
      {result.loading && <p role="status">Confirming…</p>}
      {result.error && <ErrorNotice message={result.error} />}
      {result.data && <p role="status">{result.data.message}</p>}
      {!result.loading && (
        <Link className="button button-primary wide" to="/signin">
          Sign in
        </Link>
      )}
    </AuthLayout>
  );
}
