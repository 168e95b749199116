import type { KeyboardEvent } from 'react';

/**
 * Arrow keys move between posters: left and right along a row, up and down to the poster at the same place in the
 * row above or below (the way a TV remote works). Tab still moves through everything in order.
 */
export function onRowKeyDown(event: KeyboardEvent<HTMLElement>): void {
  const card = (event.target as HTMLElement).closest<HTMLElement>('.poster-card');
  if (!card) return;
  const row = card.closest<HTMLElement>('[data-row]');
  if (!row) return;
  const cards = Array.from(row.querySelectorAll<HTMLElement>('.poster-card'));
  const index = cards.indexOf(card);
  let target: HTMLElement | undefined;
  switch (event.key) {
    case 'ArrowRight':
      target = cards[index + 1];
      break;
    case 'ArrowLeft':
      target = cards[index - 1];
      break;
    case 'ArrowDown':
    case 'ArrowUp': {
      const rows = Array.from(document.querySelectorAll<HTMLElement>('[data-row]'));
      const next = rows[rows.indexOf(row) + (event.key === 'ArrowDown' ? 1 : -1)];
      const nextCards = next ? Array.from(next.querySelectorAll<HTMLElement>('.poster-card')) : [];
      target = nextCards[Math.min(index, nextCards.length - 1)];
      break;
    }
    case 'Home':
      target = cards[0];
      break;
    case 'End':
      target = cards[cards.length - 1];
      break;
    default:
      return;
  }
  if (target) {
    event.preventDefault();
    target.focus();
    target.scrollIntoView({ block: 'nearest', inline: 'nearest', behavior: 'smooth' });
  }
}
