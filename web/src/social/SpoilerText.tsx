import { useState } from 'react';
import { LinkedText } from './LinkedText';

/**
 * A comment's or review's body. A spoiler is not in the page at all until the viewer asks for it (a blur would still
 * be read out by a screen reader), and can be hidden again.
 */
export function SpoilerText({ text, spoiler }: { text: string; spoiler: boolean }) {
  const [shown, setShown] = useState(false);
  if (spoiler && !shown) {
    return (
      <div className="comment-body spoiler-hidden">
        <span className="spoiler-veil" aria-hidden="true" />
        <button type="button" className="button button-small" onClick={() => setShown(true)}>
          Show spoiler
        </button>
      </div>
    );
  }
  return (
    <div className="comment-body">
      <p className="comment-text">
        <LinkedText text={text} />
      </p>
      {spoiler && (
        <button type="button" className="button-link button-small" onClick={() => setShown(false)}>
          Hide spoiler
        </button>
      )}
    </div>
  );
}
