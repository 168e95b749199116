import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import { App } from './App';
import { SessionProvider } from './account/session';
import { heldApp } from './player/pageBootstrap';
import { registerServiceWorker } from './pwa/serviceWorker';
import './styles.css';

// Where the app starts running, for bench/ttff's timeline (TTFF_TIMELINE=1).
performance.mark('marquee:app-start');
const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
const render = () =>
  createRoot(root).render(
    <StrictMode>
      <BrowserRouter>
        <SessionProvider>
          <App />
        </SessionProvider>
      </BrowserRouter>
    </StrictMode>,
  );
// A player page that carried its playback has its stream started already (player/earlyStream.ts): the app renders
// once that stream has shown its first frame (or given up), so the two do not share the CPU on the way to it.
const held = heldApp();
if (held) void held.then(render);
else render();
registerServiceWorker();
