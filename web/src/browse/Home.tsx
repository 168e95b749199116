import { api } from '../api/client';
import type { BrowsePage } from '../api/types';
import { useSession } from '../account/session';
import { ErrorNotice } from '../ui/ErrorNotice';
import { useLoad } from '../ui/useLoad';
import { Row, RowSkeleton } from './Row';

export function Home() {
  const session = useSession();
  const page = useLoad(session.profile?.id ?? 'none', (signal) => api.get<BrowsePage>('/api/v1/browse?perRow=20', { signal }));
  const rows = page.data?.rows.filter((row) => row.items.length > 0) ?? [];
  return (
    <main className="page home" id="main">
      <h1 className="visually-hidden">Home</h1>
      {page.data?.regionName && <p className="where">Showing what is available in {page.data.regionName}.</p>}
      {page.error && <ErrorNotice message={page.error} onRetry={page.reload} />}
      {page.loading && !page.data ? <RowSkeleton /> : rows.map((row) => <Row key={row.id} row={row} />)}
      {page.data && rows.length === 0 && <p>Nothing is available to watch here yet.</p>}
    </main>
  );
}
