import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { DownloadChoice } from '../offline/db';
import { estimateBytes, variantForHeight } from '../offline/hls';
import { formatBytes } from '../ui/format';
import { ErrorNotice } from '../ui/ErrorNotice';
import { problemText, type Manager } from './useDownloads';

type Offer = Awaited<ReturnType<Manager['prepare']>>;
type Target = Parameters<Manager['prepare']>[0];

const languages = new Intl.DisplayNames(undefined, { type: 'language' });

function languageName(code: string, name: string): string {
  if (name && name !== code) return name;
  try {
    return code && code !== 'und' ? (languages.of(code) ?? code) : 'Default';
  } catch {
    return code;
  }
}

interface Props {
  manager: Manager;
  profileId: string;
  /** One title or episode, or the episodes of a season (one licence each). */
  targets: Target[];
  heading: string;
  onClose: () => void;
}

/**
 * Choosing what to download: quality up to the plan's (720p, or the plan's cap if lower, to start with), audio and
 * subtitles, with the size before anything is fetched and a refusal when it would not fit. The licences are asked
 * for as the dialog opens, so a refusal (plan, device limit, region) comes first; closing without downloading gives
 * them back.
 */
export function DownloadDialog({ manager, profileId, targets, heading, onClose }: Props) {
  const dialog = useRef<HTMLDialogElement>(null);
  const id = useId();
  const [offers, setOffers] = useState<Offer[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [height, setHeight] = useState(0);
  const [audio, setAudio] = useState<string | null>(null);
  const [subtitles, setSubtitles] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const started = useRef(false);
  const offersRef = useRef<Offer[]>([]);

  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal();
    return () => element?.close();
  }, []);

  useEffect(() => {
    let cancelled = false;
    (async () => {
      const list: Offer[] = [];
      for (const target of targets) {
        const offer = await manager.prepare(target);
        if (cancelled) {
          // Closed while this one was being asked for: the others went back as the dialog closed.
          if (!started.current) void manager.cancel(offer);
          return;
        }
        list.push(offer);
        offersRef.current = [...list];
      }
      if (cancelled) return;
      const first = list[0];
      if (!first) return;
      setOffers(list);
      setHeight(first.defaultHeight);
      setSubtitles([...new Set(list.flatMap((o) => o.multivariant.subtitles.map((s) => s.language)))]);
    })().catch((reason: unknown) => {
      if (!cancelled) setError(problemText(reason));
    });
    return () => {
      cancelled = true;
      // Closed without downloading: the licences go back.
      if (!started.current) offersRef.current.forEach((offer) => void manager.cancel(offer));
    };
  }, [manager, targets]);

  const first = offers?.[0];
  const heights = first?.qualities.map((q) => q.height) ?? [];
  const sizeAt = (h: number) => (offers ?? []).reduce((sum, offer) => {
    const variant = variantForHeight(offer.multivariant.variants, h);
    return sum + (variant ? estimateBytes(variant, offer.durationSeconds) : 0);
  }, 0);
  const bytes = height ? sizeAt(height) : 0;
  const room = first ? manager.roomProblem(bytes, first.storage) : null;
  const audioOptions = first?.multivariant.audio ?? [];
  const subtitleOptions = [...new Map((offers ?? []).flatMap((o) => o.multivariant.subtitles).map((s) => [s.language, s])).values()];
  const free = first?.storage.quota !== undefined ? Math.max(0, first.storage.quota - (first.storage.usage ?? 0)) : null;

  async function download(event: FormEvent) {
    event.preventDefault();
    if (!offers || room) return;
    setBusy(true);
    setError(null);
    const choice: DownloadChoice = { height, audio, subtitles };
    try {
      started.current = true;
      for (const offer of offers) await manager.start(offer, choice, profileId);
      onClose();
    } catch (reason) {
      setError(problemText(reason));
      setBusy(false);
    }
  }

  return (
    <dialog ref={dialog} className="dialog download-dialog" aria-labelledby={`${id}-title`} onCancel={onClose}>
      <form onSubmit={(e) => void download(e)}>
        <h2 id={`${id}-title`}>Download {heading}</h2>
        {!offers && !error && <p role="status">Checking what can be downloaded…</p>}
        {offers && (
          <>
            <fieldset className="download-options">
              <legend>Quality</legend>
              {heights.map((h) => (
                <label key={h} className="choice">
                  <input type="radio" name={`${id}-quality`} value={h} checked={height === h} onChange={() => setHeight(h)} />
                  {h}p <small>about {formatBytes(sizeAt(h))}</small>
                </label>
              ))}
            </fieldset>
            {audioOptions.length > 1 && (
              <div className="field">
                <label htmlFor={`${id}-audio`}>Audio</label>
                <select id={`${id}-audio`} value={audio ?? ''} onChange={(e) => setAudio(e.target.value || null)}>
                  <option value="">Default</option>
                  {audioOptions.map((a) => (
                    <option key={`${a.groupId}/${a.name}`} value={a.name}>
                      {languageName(a.language, a.name)}
                    </option>
                  ))}
                </select>
              </div>
            )}
            {subtitleOptions.length > 0 && (
              <fieldset className="download-options">
                <legend>Subtitles</legend>
                {subtitleOptions.map((s) => (
                  <label key={s.language} className="choice">
                    <input
                      type="checkbox"
                      checked={subtitles.includes(s.language)}
                      onChange={(e) => setSubtitles(e.target.checked ? [...subtitles, s.language] : subtitles.filter((l) => l !== s.language))}
                    />
                    {languageName(s.language, s.name)}
                  </label>
                ))}
              </fieldset>
            )}
            <p className="download-size" aria-live="polite">
              Size: about <strong>{formatBytes(bytes)}</strong>
              {targets.length > 1 && ` for ${targets.length} episodes`}
              {free !== null && <> · {formatBytes(free)} free on this device</>}
            </p>
            {room && <ErrorNotice message={room} />}
          </>
        )}
        {error && <ErrorNotice message={error} />}
        <div className="row-actions">
          <button type="submit" className="button button-primary" disabled={!offers || room !== null || busy}>
            {busy ? 'Starting…' : 'Download'}
          </button>
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
        </div>
      </form>
    </dialog>
  );
}
