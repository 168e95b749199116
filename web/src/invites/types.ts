import type { Schemas } from '../api/client';

/** The signed-in account's invite link and how many signed up through it (GET /api/v1/invites). */
export type InviteView = Schemas['InviteView'];

/** Sign-ups per inviter, for administrators (GET /api/v1/admin/invites). */
export type AdminInvites = Schemas['InvitersView'];
