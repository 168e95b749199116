import { useId, useState, type ReactNode } from 'react';
import { usePopover } from '../ui/usePopover';
import { CopyLink } from './CopyLink';
import { mastodonInstance, mastodonShareUrl, networkLinks } from './shareLinks';

const instanceKey = 'marquee.mastodon-instance';

interface Props {
  /** The address shared (absolute). */
  url: string;
  /** What is shared, for the networks' text and the panel's name: the title's name. */
  text: string;
  /** Controls above the choices, such as the player's "Start at current time". */
  children?: ReactNode;
  className?: string;
  /** The panel opens upwards (the player's control bar is at the bottom of the screen). */
  up?: boolean;
}

/**
 * "Share": a button that opens a small panel with the link to copy, the system share sheet where the browser has one,
 * and the common networks' share addresses, each opening in a new tab. Escape or a click outside closes it and focus
 * goes back to the button.
 */
export function ShareMenu({ url, text, children, className = 'button', up = false }: Props) {
  const [open, setOpen] = useState(false);
  const id = useId();
  const { button, panel, onKeyDown } = usePopover(open, () => setOpen(false));
  const canShare = typeof navigator.share === 'function';

  async function systemShare() {
    try {
      await navigator.share({ title: text, text, url });
    } catch {
      // Cancelled by the viewer, or refused: the panel's other choices are still there.
    }
  }

  return (
    <div className="share" onKeyDown={onKeyDown}>
      <button
        ref={button}
        type="button"
        className={className}
        aria-expanded={open}
        aria-controls={open ? id : undefined}
        onClick={() => setOpen(!open)}
      >
        Share
      </button>
      {open && (
        <div ref={panel} id={id} className={`share-panel ${up ? 'share-panel-up' : ''}`} role="dialog" aria-label={`Share ${text}`}>
          {children}
          <div className="share-actions">
            <CopyLink url={url} />
            {canShare && (
              <button type="button" className="button" onClick={() => void systemShare()}>
                Share via…
              </button>
            )}
          </div>
          <ul className="share-networks" aria-label="Share on">
            {networkLinks(url, text).map((link) => (
              <li key={link.name}>
                <a href={link.href} target="_blank" rel="noopener noreferrer">
                  {link.name}
                  <span className="visually-hidden"> (opens in a new tab)</span>
                </a>
              </li>
            ))}
          </ul>
          <Mastodon url={url} text={text} />
        </div>
      )}
    </div>
  );
}

function remembered(): string {
  try {
    return localStorage.getItem(instanceKey) ?? '';
  } catch {
    return '';
  }
}

/** Mastodon has no one address: the viewer names their instance, remembered in this browser for next time. */
function Mastodon({ url, text }: { url: string; text: string }) {
  const [typed, setTyped] = useState(remembered);
  const id = useId();
  const instance = mastodonInstance(typed);
  const wrong = typed.trim() !== '' && instance === null;

  function remember() {
    if (!instance) return;
    try {
      localStorage.setItem(instanceKey, instance);
    } catch {
      // Storage off: the instance is simply asked for again next time.
    }
  }

  return (
    <div className="share-mastodon">
      <div className="field">
        <label htmlFor={id}>Your Mastodon instance</label>
        <input
          id={id}
          type="text"
          inputMode="url"
          autoComplete="off"
          spellCheck={false}
          placeholder="mastodon.social"
          value={typed}
          onChange={(e) => setTyped(e.target.value)}
          onBlur={remember}
          aria-invalid={wrong}
          aria-describedby={wrong ? `${id}-error` : undefined}
        />
        {wrong && (
          <small id={`${id}-error`} className="field-error">
            Type the instance’s host name only, such as mastodon.social.
          </small>
        )}
      </div>
      {instance && (
        <a className="button" href={mastodonShareUrl(instance, url, text)} target="_blank" rel="noopener noreferrer" onClick={remember}>
          Share on {instance}
          <span className="visually-hidden"> (opens in a new tab)</span>
        </a>
      )}
    </div>
  );
}
