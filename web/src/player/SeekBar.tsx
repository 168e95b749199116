import { useState, type PointerEvent } from 'react';
import { formatTime } from '../ui/format';
import { thumbnailAt, type Thumbnail } from './trickplay';

interface Props {
  time: number;
  duration: number;
  buffered: number;
  thumbnails: Thumbnail[];
  onSeek: (seconds: number) => void;
  disabled?: boolean;
}

const previewWidth = 160;

/** The timeline: a native range input (keyboard and screen readers work), with a thumbnail preview under the pointer. */
export function SeekBar({ time, duration, buffered, thumbnails, onSeek, disabled = false }: Props) {
  const [hover, setHover] = useState<{ x: number; width: number; time: number } | null>(null);
  const total = Number.isFinite(duration) && duration > 0 ? duration : 0;

  function track(event: PointerEvent<HTMLDivElement>) {
    const box = event.currentTarget.getBoundingClientRect();
    const ratio = Math.max(0, Math.min(1, (event.clientX - box.left) / box.width));
    setHover({ x: event.clientX - box.left, width: box.width, time: ratio * total });
  }

  const thumb = hover ? thumbnailAt(thumbnails, hover.time) : undefined;
  return (
    <div className="seekbar" onPointerMove={track} onPointerLeave={() => setHover(null)}>
      <div className="seek-buffered" style={{ width: total ? `${(buffered / total) * 100}%` : 0 }} aria-hidden="true" />
      <input
        type="range"
        min={0}
        max={total || 1}
        step={0.1}
        value={Math.min(time, total || 1)}
        onChange={(e) => onSeek(Number(e.target.value))}
        disabled={disabled}
        aria-label="Seek"
        aria-valuetext={`${formatTime(time)} of ${formatTime(total)}`}
        style={{ '--progress': total ? `${(time / total) * 100}%` : '0%' } as React.CSSProperties}
      />
      {hover && total > 0 && (
        <div className="seek-preview" style={{ left: Math.max(previewWidth / 2, Math.min(hover.x, hover.width - previewWidth / 2)) }} aria-hidden="true">
          {thumb && (
            <span
              className="seek-thumb"
              style={{
                width: thumb.width,
                height: thumb.height,
                backgroundImage: `url("${thumb.url}")`,
                backgroundPosition: `-${thumb.x}px -${thumb.y}px`,
              }}
            />
          )}
          <span className="seek-time">{formatTime(hover.time)}</span>
        </div>
      )}
    </div>
  );
}
