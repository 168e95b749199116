import { useEffect, useId, useRef, useState } from 'react';

type Copied = 'idle' | 'copied' | 'refused';

/**
 * "Copy link": the address onto the clipboard with a visible "Link copied"; where the browser refuses (no
 * permission, no secure context), the address in a selected text field to copy by hand.
 */
export function CopyLink({ url, label = 'Copy link', className = 'button button-primary' }: { url: string; label?: string; className?: string }) {
  const [copied, setCopied] = useState<Copied>('idle');
  const field = useRef<HTMLInputElement>(null);
  const id = useId();

  useEffect(() => setCopied('idle'), [url]);
  useEffect(() => {
    if (copied === 'refused') field.current?.select();
  }, [copied]);

  async function copy() {
    try {
      if (!navigator.clipboard) throw new Error('no clipboard');
      await navigator.clipboard.writeText(url);
      setCopied('copied');
    } catch {
      setCopied('refused');
    }
  }

  return (
    <div className="copy-link">
      <button type="button" className={className} onClick={() => void copy()}>
        {label}
      </button>
      <p className="copy-status" role="status">
        {copied === 'copied' ? 'Link copied' : copied === 'refused' ? 'Copying was not allowed: select the link below and copy it.' : ''}
      </p>
      {copied === 'refused' && (
        <div className="field">
          <label htmlFor={id}>Link</label>
          <input ref={field} id={id} type="text" readOnly value={url} onFocus={(e) => e.target.select()} />
        </div>
      )}
    </div>
  );
}
