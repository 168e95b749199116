import { useNavigate } from 'react-router';
import { api } from '../api/client';
import { ErrorNotice } from '../ui/ErrorNotice';
import { useAction } from '../ui/useAction';
import type { PartyView } from './types';

/** "Watch together": starts a party for a movie or an episode and opens it, where the host finds the invite link. */
export function WatchTogether({ playableId, label = 'Watch together', className = 'button' }: { playableId: string; label?: string; className?: string }) {
  const navigate = useNavigate();
  const action = useAction();
  async function start() {
    const party = await api.post<PartyView>('/api/v1/parties', { playableId });
    // The host came to watch: the party page joins at once rather than asking again.
    navigate(`/party/${encodeURIComponent(party.id)}`, { state: { join: true } });
  }
  return (
    <>
      <button type="button" className={className} disabled={action.busy} onClick={() => void action.run(start)}>
        {label}
      </button>
      {action.error && <ErrorNotice message={action.error} />}
    </>
  );
}
