import { useEffect, useRef } from 'react';

export interface ShortcutActions {
  togglePlay: () => void;
  seekBy: (seconds: number) => void;
  volumeBy: (delta: number) => void;
  toggleMute: () => void;
  toggleFullscreen: () => void;
  toggleSubtitles: () => void;
  next: () => void;
}

/** The player's keys, the ones people know from other players: space/K, arrows, J/L, M, F, C, N. */
export function useShortcuts(actions: ShortcutActions): void {
  const ref = useRef(actions);
  ref.current = actions;

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.altKey || event.ctrlKey || event.metaKey) return;
      const target = event.target as HTMLElement | null;
      const tag = target?.tagName ?? '';
      // Typing in a field, or pressing space/enter on a focused button, keeps its usual meaning.
      if (tag === 'INPUT' && (target as HTMLInputElement).type !== 'range') return;
      if (tag === 'SELECT' || tag === 'TEXTAREA') return;
      if ((tag === 'BUTTON' || tag === 'A') && (event.key === ' ' || event.key === 'Enter')) return;
      if (tag === 'INPUT' && (event.key === 'ArrowLeft' || event.key === 'ArrowRight')) return;
      const a = ref.current;
      const handlers: Record<string, () => void> = {
        ' ': a.togglePlay,
        k: a.togglePlay,
        ArrowLeft: () => a.seekBy(-10),
        j: () => a.seekBy(-10),
        ArrowRight: () => a.seekBy(10),
        l: () => a.seekBy(10),
        ArrowUp: () => a.volumeBy(0.1),
        ArrowDown: () => a.volumeBy(-0.1),
        m: a.toggleMute,
        f: a.toggleFullscreen,
        c: a.toggleSubtitles,
        n: a.next,
      };
      const handler = handlers[event.key.length === 1 ? event.key.toLowerCase() : event.key];
      if (handler) {
        event.preventDefault();
        handler();
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);
}
