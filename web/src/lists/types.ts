import type { TitleSummary } from '../api/types';

/** One of the profile's lists (GET /api/v1/playlists); `url` is its share address while it is public. */
export interface Playlist {
  id: string;
  name: string;
  public: boolean;
  url?: string | null;
  items: TitleSummary[];
}

/** A public list as anyone sees it (GET /api/v1/lists/{id}): no ids of its owner, only the profile's name. */
export interface PublicList {
  id: string;
  name: string;
  owner: string;
  items: TitleSummary[];
}
