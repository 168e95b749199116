import { useEffect, useRef, useState, type KeyboardEvent, type RefObject } from 'react';

export interface MenuChoice {
  label: string;
  onSelect: () => void;
  danger?: boolean;
}

interface Props {
  /** The button's accessible name, e.g. "More for Ada’s comment". */
  label: string;
  choices: MenuChoice[];
  /** Where focus goes back to when a choice opens a dialog that then closes. */
  buttonRef?: RefObject<HTMLButtonElement | null>;
}

/** A "⋯" button with a short menu: arrow keys move, Escape closes and returns focus to the button. */
export function ActionsMenu({ label, choices, buttonRef }: Props) {
  const [open, setOpen] = useState(false);
  const ownRef = useRef<HTMLButtonElement>(null);
  const button = buttonRef ?? ownRef;
  const list = useRef<HTMLUListElement>(null);

  useEffect(() => {
    if (!open) return;
    list.current?.querySelector<HTMLButtonElement>('button')?.focus();
    const outside = (event: MouseEvent) => {
      if (!list.current?.contains(event.target as Node) && !button.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', outside);
    return () => document.removeEventListener('mousedown', outside);
  }, [open, button]);

  function keys(event: KeyboardEvent) {
    const items = [...(list.current?.querySelectorAll<HTMLButtonElement>('button') ?? [])];
    const at = items.indexOf(document.activeElement as HTMLButtonElement);
    if (event.key === 'Tab') {
      setOpen(false);
    } else if (event.key === 'Escape') {
      event.preventDefault();
      setOpen(false);
      button.current?.focus();
    } else if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      items[(at + step + items.length) % items.length]?.focus();
    }
  }

  return (
    <div className="actions-menu">
      <button ref={button} type="button" className="button-link menu-button" aria-label={label} aria-haspopup="menu" aria-expanded={open} onClick={() => setOpen(!open)}>
        <span aria-hidden="true">⋯</span>
      </button>
      {open && (
        <ul className="menu" role="menu" aria-label={label} ref={list} onKeyDown={keys}>
          {choices.map((choice) => (
            <li role="none" key={choice.label}>
              <button
                role="menuitem"
                type="button"
                className={choice.danger ? 'menu-danger' : undefined}
                onClick={() => {
                  setOpen(false);
                  choice.onSelect();
                }}
              >
                {choice.label}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
