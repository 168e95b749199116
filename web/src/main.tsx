import { heldApp } from './player/pageBootstrap';
import { registerServiceWorker } from './pwa/serviceWorker';
import './styles.css';

// The app (React and every page, src/appMain.tsx) is a chunk of its own, fetched with the page (index.html preloads
// it; see appPreload in vite.config.ts) and evaluated here. A player page that carried its playback has its stream
// started already (player/earlyStream.ts): there the app is not even evaluated until that stream has shown its
// first frame (or given up), so evaluating React and the app's code does not hold up hls.js on its way to it.
const start = () => import('./appMain').then(({ startApp }) => startApp());
const held = heldApp();
void (held ? held.then(start) : start());
registerServiceWorker();
