import { useEffect, useState } from 'react';
import { api, messageOf } from '../api/client';
import type { TitleView } from '../api/types';

/** Follows a title while it transcodes: polls its admin view until it is ready or has failed. */
export function useTitleStatus(titleId: string | null): { title: TitleView | null; error: string | null } {
  const [title, setTitle] = useState<TitleView | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (!titleId) return;
    let timer = 0;
    const controller = new AbortController();
    const poll = async () => {
      try {
        const view = await api.get<TitleView>(`/api/v1/admin/titles/${encodeURIComponent(titleId)}`, { signal: controller.signal });
        setTitle(view);
        setError(null);
        if (view.status === 'ready' || view.status === 'failed') return;
      } catch (reason) {
        if (controller.signal.aborted) return;
        setError(messageOf(reason));
      }
      timer = window.setTimeout(() => void poll(), 1000);
    };
    void poll();
    return () => {
      controller.abort();
      window.clearTimeout(timer);
    };
  }, [titleId]);
  return { title, error };
}
