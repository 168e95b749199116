import { useState } from 'react';
import { api } from '../api/client';
import type { ModerationItem, ModerationQueue } from '../api/types';
import { ErrorNotice } from '../ui/ErrorNotice';
import { useLoad } from '../ui/useLoad';
import { AuditLog } from './AuditLog';
import { ModerationCard } from './ModerationCard';

/** The moderation queue: comments held for review, comments people reported, and the log of what was done. */
export function ModerationAdmin() {
  const [version, setVersion] = useState(0);
  const [said, setSaid] = useState<string | null>(null);
  const queue = useLoad(`moderation/${version}`, (signal) => api.get<ModerationQueue>('/api/v1/admin/moderation', { signal }));
  const done = (text: string) => {
    setSaid(text);
    setVersion(version + 1);
  };

  return (
    <>
      <p role="status" className="moderation-said">
        {said}
      </p>
      {queue.error && <ErrorNotice message={queue.error} onRetry={queue.reload} />}
      <Queue title="Held for review" id="held" empty="Nothing is waiting for review." items={queue.data?.held} onDone={done} />
      <Queue title="Reported" id="reported" empty="No open reports." items={queue.data?.reported} onDone={done} />
      <AuditLog version={version} />
    </>
  );
}

function Queue({ title, id, empty, items, onDone }: { title: string; id: string; empty: string; items: ModerationItem[] | undefined; onDone: (said: string) => void }) {
  return (
    <section aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>
        {title} {items && <span className="badge">{items.length}</span>}
      </h2>
      {items && items.length === 0 && <p className="hint">{empty}</p>}
      {items && items.length > 0 && (
        <ul className="moderation-list">
          {items.map((item) => (
            <ModerationCard key={item.comment.id} item={item} onDone={onDone} />
          ))}
        </ul>
      )}
    </section>
  );
}
