import type { Schemas } from '../api/client';

/** One of the profile's lists (GET /api/v1/playlists); `url` is its share address while it is public. */
export type Playlist = Schemas['PlaylistView'];

/** A public list as anyone sees it (GET /api/v1/lists/{id}): its profile's name, never its account. */
export type PublicList = Schemas['PublicListView'];
