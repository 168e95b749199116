import { api } from '../api/client';
import type { SimilarView } from '../api/types';
import { useLoad } from '../ui/useLoad';
import { Row } from './Row';

/** "More like this" under a title: what people who liked it also liked, less what this viewer may not watch. */
export function MoreLikeThis({ titleId, profileId }: { titleId: string; profileId: string }) {
  const similar = useLoad(`similar/${titleId}/${profileId}`, (signal) =>
    api.get<SimilarView>(`/api/v1/titles/${encodeURIComponent(titleId)}/similar?count=12`, { signal }),
  );
  const items = similar.data?.items ?? [];
  if (items.length === 0) return null;
  return <Row row={{ id: 'similar', title: 'More like this', items }} />;
}
