/** The signed-in account's invite link and how many signed up through it (GET /api/v1/invites). */
export interface InviteView {
  url: string;
  signups: number;
  confirmed: number;
}

/** Sign-ups per inviter, for administrators (GET /api/v1/admin/invites). */
export interface AdminInvites {
  items: { userId: string; email: string; signups: number; confirmed: number }[];
}
