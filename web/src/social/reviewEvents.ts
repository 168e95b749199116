/** Fired on window with the title's id when the viewer saves their review, so the list of reviews shows it. */
export const reviewSaved = 'marquee:review-saved';

export function announceReviewSaved(titleId: string): void {
  window.dispatchEvent(new CustomEvent(reviewSaved, { detail: titleId }));
}
