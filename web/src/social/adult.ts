import type { ProfileView } from '../api/types';
import { ApiError } from '../api/client';

/** Kids profiles have no public face and see no other people; the API refuses them (403), so the app hides it all. */
export function isAdultProfile(profile: ProfileView | null | undefined): boolean {
  return !!profile && !profile.kids && profile.maturityLimit >= 18;
}

/** The origin's 409 for a profile that has no handle yet: the person must choose a public name first. */
export function needsHandle(error: unknown): boolean {
  return error instanceof ApiError && error.status === 409 && error.title.startsWith('A public name');
}

export const commentLimit = 2000;
export const reviewLimit = 500;
export const reportDetailsLimit = 500;
