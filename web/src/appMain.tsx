import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import { App } from './App';
import { SessionProvider } from './account/session';

/** React and the app, rendered into #root. Loaded by main.tsx, at once or after the player page's first frame. */
export function startApp(): void {
  // Where the app starts running, for bench/ttff's timeline (TTFF_TIMELINE=1).
  performance.mark('marquee:app-start');
  const root = document.getElementById('root');
  if (!root) throw new Error('index.html has no #root');
  createRoot(root).render(
    <StrictMode>
      <BrowserRouter>
        <SessionProvider>
          <App />
        </SessionProvider>
      </BrowserRouter>
    </StrictMode>,
  );
}
