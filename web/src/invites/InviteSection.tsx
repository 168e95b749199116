import { api } from '../api/client';
import { CopyLink } from '../share/CopyLink';
import { ErrorNotice } from '../ui/ErrorNotice';
import { useLoad } from '../ui/useLoad';
import type { InviteView } from './types';

/** Invite friends: the account's own link, and only counts of who joined through it (nothing about them). */
export function InviteSection() {
  const invite = useLoad('invites', (signal) => api.get<InviteView>('/api/v1/invites', { signal }));
  const canShare = typeof navigator.share === 'function';
  return (
    <section className="panel" id="invite" aria-labelledby="invite-title">
      <h2 id="invite-title">Invite friends</h2>
      {invite.error && <ErrorNotice message={invite.error} onRetry={invite.reload} />}
      {invite.data && (
        <>
          <p>Send this link to friends: it takes them to sign-up, and you see how many joined.</p>
          <div className="list-link">
            <a href={invite.data.url}>{invite.data.url}</a>
            <CopyLink url={invite.data.url} label="Copy invite link" className="button" />
            {canShare && (
              <button
                type="button"
                className="button"
                onClick={() => void navigator.share({ title: 'Join me on Marquee', url: invite.data?.url }).catch(() => undefined)}
              >
                Share via…
              </button>
            )}
          </div>
          <p className="invite-count" role="status">
            {joined(invite.data.signups)} through your link ({invite.data.confirmed} confirmed)
          </p>
        </>
      )}
    </section>
  );
}

function joined(n: number): string {
  return n === 1 ? '1 person joined' : `${n} people joined`;
}
