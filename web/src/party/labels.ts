import type { MemberState, MemberView, PartyView } from './types';

/** The reactions the party takes, named in words: Debian's Chromium has no colour emoji font, and words read out the same. */
export const reactionWords: { emoji: string; word: string }[] = [
  { emoji: '👍', word: 'Like' },
  { emoji: '❤️', word: 'Love' },
  { emoji: '😂', word: 'Funny' },
  { emoji: '😮', word: 'Wow' },
  { emoji: '😢', word: 'Sad' },
  { emoji: '👏', word: 'Applause' },
];

export function reactionWord(emoji: string): string {
  return reactionWords.find((r) => r.emoji === emoji)?.word ?? emoji;
}

const stateWords: Record<MemberState, string> = {
  joining: 'joining',
  ready: 'ready',
  playing: 'playing',
  paused: 'paused',
  buffering: 'buffering',
  catchingUp: 'catching up',
  left: 'left',
};

export function stateWord(state: MemberState | string): string {
  return stateWords[state as MemberState] ?? state;
}

/** Why this member may not play, pause or seek, or null when they may. */
export function lockedHint(party: PartyView, memberId: string | null): string | null {
  if (party.control === 'everyone' || (memberId !== null && party.controllerId === memberId)) return null;
  const controller = party.members.find((m) => m.memberId === party.controllerId);
  if (!controller || controller.host) return 'Only the host controls playback';
  return `Only ${controller.name} controls playback`;
}

export function me(party: PartyView, memberId: string | null): MemberView | undefined {
  return party.members.find((m) => m.memberId === memberId);
}

export function playableName(party: PartyView): string {
  return party.playable.episodeLabel ? `${party.playable.name} · ${party.playable.episodeLabel}` : party.playable.name;
}
