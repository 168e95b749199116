import { useEffect, useRef, type KeyboardEvent } from 'react';

/**
 * A panel opened by a button: focus moves into it when it opens (to the first of `focusFirst`), a click outside or
 * Escape closes it, and Escape gives focus back to the button. Escape stops there, so a player's own keys never see it.
 */
export function usePopover(open: boolean, close: () => void, focusFirst = 'input, button, a') {
  const button = useRef<HTMLButtonElement>(null);
  const panel = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    panel.current?.querySelector<HTMLElement>(focusFirst)?.focus();
    const outside = (event: MouseEvent) => {
      if (!panel.current?.contains(event.target as Node) && !button.current?.contains(event.target as Node)) close();
    };
    document.addEventListener('mousedown', outside);
    return () => document.removeEventListener('mousedown', outside);
    // close is a state setter's wrapper; the listener only needs renewing when the panel opens or closes.
  }, [open, focusFirst]);

  function onKeyDown(event: KeyboardEvent) {
    if (event.key !== 'Escape') return;
    event.stopPropagation();
    event.preventDefault();
    close();
    button.current?.focus();
  }

  return { button, panel, onKeyDown };
}
