/**
 * The watch party's wire shapes (the hub's JSON, see src/Marquee.Origin/Parties). Written out here rather than taken
 * from openapi.json: the hub's messages are not HTTP answers and are not in the OpenAPI document.
 */
export interface PartyState {
  version: number;
  playableId: string;
  playing: boolean;
  /** Seconds, at atMs. */
  position: number;
  /** Server unix ms when this state takes effect (may be up to about a second ahead). */
  atMs: number;
  rate: number;
  waitingUntilMs: number | null;
  byMemberId: string | null;
}

export type MemberState = 'joining' | 'ready' | 'playing' | 'paused' | 'buffering' | 'catchingUp' | 'left';

export interface MemberView {
  memberId: string;
  name: string;
  host: boolean;
  controller: boolean;
  state: MemberState;
  driftMs: number | null;
}

export interface PlayableView {
  id: string;
  titleId: string;
  name: string;
  episodeLabel: string | null;
  durationSeconds: number | null;
}

export interface YouView {
  memberId: string | null;
  allowed: boolean;
  title: string | null;
  detail: string | null;
  status: number | null;
}

export interface PartyView {
  id: string;
  inviteUrl: string;
  expiresAt: string;
  maxMembers: number;
  playable: PlayableView;
  host: { name: string };
  control: 'host' | 'everyone';
  controllerId: string | null;
  waitForAll: boolean;
  state: PartyState;
  members: MemberView[];
  you: YouView | null;
}

export interface ChatMessage {
  id: string;
  memberId: string;
  name: string;
  text: string;
  atMs: number;
}

export interface JoinResult {
  ok: boolean;
  status: number;
  title: string | null;
  detail: string | null;
  party: PartyView | null;
  memberId: string | null;
  serverNowMs: number;
  chat: ChatMessage[];
}

export interface PingAnswer {
  clientSendMs: number;
  serverReceiveMs: number;
  serverSendMs: number;
}

export interface Reaction {
  memberId: string;
  name: string;
  emoji: string;
  atMs: number;
}

export interface Notice {
  kind: 'joined' | 'left' | 'refused' | 'dropped' | 'control';
  name: string;
  detail: string | null;
}

/** What a member tells the party about itself every second. */
export type ReportState = Exclude<MemberState, 'joining' | 'left'>;
