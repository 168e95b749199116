/** What only the author sees on their own held or removed words. */
export function StatusLabel({ status }: { status: string | null | undefined }) {
  if (status === 'pending') {
    return (
      <span className="badge badge-pending" title="Only you see it until a moderator approves it.">
        Pending review<span className="visually-hidden">: only you see it until a moderator approves it</span>
      </span>
    );
  }
  if (status === 'removed') {
    return (
      <span className="badge badge-removed" title="Only you see it.">
        Removed by a moderator<span className="visually-hidden">: only you see it</span>
      </span>
    );
  }
  return null;
}
