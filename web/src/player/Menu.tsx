import { useEffect, useId, useRef, useState } from 'react';

export interface MenuOption {
  value: number;
  label: string;
}

interface Props {
  label: string;
  options: MenuOption[];
  selected: number;
  onSelect: (value: number) => void;
}

/** A small pop-up list for the player's quality, audio and subtitle choices. */
export function Menu({ label, options, selected, onSelect }: Props) {
  const [open, setOpen] = useState(false);
  const id = useId();
  const ref = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    const close = (event: MouseEvent) => {
      if (!ref.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', close);
    return () => document.removeEventListener('mousedown', close);
  }, [open]);

  if (options.length <= 1) return null;
  const current = options.find((o) => o.value === selected)?.label ?? '';
  return (
    <div className="player-menu" ref={ref}>
      <button
        type="button"
        className="control"
        aria-haspopup="listbox"
        aria-expanded={open}
        aria-controls={id}
        onClick={() => setOpen(!open)}
        onKeyDown={(e) => e.key === 'Escape' && setOpen(false)}
      >
        {label}: {current}
      </button>
      {open && (
        <ul id={id} role="listbox" aria-label={label} className="menu menu-up">
          {options.map((option) => (
            <li key={option.value} role="option" aria-selected={option.value === selected}>
              <button
                type="button"
                onClick={() => {
                  onSelect(option.value);
                  setOpen(false);
                }}
                onKeyDown={(e) => e.key === 'Escape' && setOpen(false)}
              >
                {option.label}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
