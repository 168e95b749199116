import { lazy, Suspense, type ReactNode } from 'react';
import { Navigate, Outlet, Route, Routes, useLocation } from 'react-router';
import { profilePickedKey, Profiles } from './account/Profiles';
import { SignIn } from './account/SignIn';
import { SignUp } from './account/SignUp';
import { Confirm } from './account/Confirm';
import { ForgotPassword } from './account/ForgotPassword';
import { ResetPassword } from './account/ResetPassword';
import { useSession } from './account/session';
import { Home } from './browse/Home';
import { Landing } from './browse/Landing';
import { SearchPage } from './browse/SearchPage';
import { TitlePage } from './browse/TitlePage';
import { requestPlaybackEarly, adoptPagePlayback } from './player/playbackRequests';
import { readyDownloadFor } from './offline/hint';
import { OfflineSync } from './downloads/OfflineSync';
import { UpdateNotice } from './pwa/UpdateNotice';
import { Shell } from './ui/Shell';

// Screens most visits never open load on demand, so the home page ships without hls.js or the admin tools.
const loadPlayer = () => import('./player/PlayerPage');
const PlayerPage = lazy(loadPlayer);
// Opened straight at the player (a link, a reload): fetch its code, and take the playback the origin sent with the
// page or else ask for it while the session is still being checked; the player's code is the biggest part of the
// page and takes a while to parse. A downloaded title or episode plays from storage: nothing to ask for.
const watching = /^\/watch\/([^/]+)$/.exec(window.location.pathname);
if (watching?.[1]) {
  const id = decodeURIComponent(watching[1]);
  if (!adoptPagePlayback(id) && !readyDownloadFor(id)) requestPlaybackEarly(id);
  void loadPlayer();
}
const AccountPage = lazy(() => import('./account/AccountPage'));
const AdminPage = lazy(() => import('./admin/AdminPage'));
const PeoplePage = lazy(() => import('./social/PeoplePage'));
const PersonPage = lazy(() => import('./social/PersonPage'));
const FeedPage = lazy(() => import('./social/FeedPage'));
const PartyPage = lazy(() => import('./party/PartyPage'));
const ListsPage = lazy(() => import('./lists/ListsPage'));
const PublicListPage = lazy(() => import('./lists/PublicListPage'));
const DownloadsPage = lazy(() => import('./downloads/DownloadsPage'));

function Loading() {
  return (
    <div className="loading" role="status">
      Loading…
    </div>
  );
}

/**
 * The layout of signed-in screens: signed-out visitors get the landing page at / and sign-in elsewhere, a profile is
 * picked first when there is a choice, and the header stays mounted while the screens below it change (so the
 * search box keeps focus while results update).
 */
function Viewer({ bare = false }: { bare?: boolean }) {
  const session = useSession();
  const location = useLocation();
  if (session.account === undefined) return <Loading />;
  const here = location.pathname + location.search;
  if (session.account === null) {
    return location.pathname === '/' ? <Landing /> : <Navigate to={`/signin?next=${encodeURIComponent(here)}`} replace />;
  }
  const mustPick = (session.profiles.length > 1 || session.profiles.some((p) => p.locked)) && !sessionStorage.getItem(profilePickedKey);
  // Without a network no profile can be picked: the last one picked opens, unless it is locked.
  if (mustPick && session.offline && session.profile?.locked) return <LockedOffline />;
  if (mustPick && !session.offline) return <Navigate to={`/profiles?next=${encodeURIComponent(here)}`} replace />;
  // A screen that is sometimes all picture (the party's player) brings the header itself when it wants one.
  if (bare) {
    return (
      <Suspense fallback={<Loading />}>
        <Outlet />
      </Suspense>
    );
  }
  return (
    <Shell>
      <Suspense fallback={<Loading />}>
        <Outlet />
      </Suspense>
    </Shell>
  );
}

function LockedOffline() {
  return (
    <main className="page" id="main">
      <h1>This profile is locked</h1>
      <p>Its PIN can only be checked online. Connect to the internet to open it.</p>
    </main>
  );
}

function AdminOnly({ children }: { children: ReactNode }) {
  const session = useSession();
  if (session.isAdmin) return <>{children}</>;
  return (
    <main className="page" id="main">
      <h1>Administrators only</h1>
      <p>This part of Marquee is for the people who run it. Sign in with an administrator account to use it.</p>
    </main>
  );
}

function Signed({ children }: { children: ReactNode }) {
  const session = useSession();
  const location = useLocation();
  if (session.account === undefined) return <Loading />;
  if (session.account === null) return <Navigate to={`/signin?next=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  return <>{children}</>;
}

export function App() {
  return (
    <Suspense fallback={<Loading />}>
      <UpdateNotice />
      <OfflineSync />
      <Routes>
        <Route path="/signin" element={<SignIn />} />
        <Route path="/signup" element={<SignUp />} />
        <Route path="/confirm" element={<Confirm />} />
        <Route path="/forgot-password" element={<ForgotPassword />} />
        <Route path="/reset-password" element={<ResetPassword />} />
        <Route path="/profiles" element={<Signed><Profiles /></Signed>} />
        <Route element={<Viewer />}>
          <Route path="/" element={<Home />} />
          <Route path="/search" element={<SearchPage />} />
          <Route path="/title/:id" element={<TitlePage />} />
          <Route path="/account" element={<AccountPage />} />
          <Route path="/people" element={<PeoplePage />} />
          <Route path="/people/:handle" element={<PersonPage />} />
          <Route path="/feed" element={<FeedPage />} />
          <Route path="/lists" element={<ListsPage />} />
          <Route path="/downloads" element={<DownloadsPage />} />
          <Route path="/admin/*" element={<AdminOnly><AdminPage /></AdminOnly>} />
        </Route>
        <Route element={<Viewer bare />}>
          <Route path="/party/:id" element={<PartyPage />} />
        </Route>
        {/* A public list is for anyone with its link, signed in or not. */}
        <Route path="/list/:id" element={<PublicListPage />} />
        {/* The player asks for playback at once; a signed-out visitor gets 401 there and is sent to sign in. */}
        <Route path="/watch/:id" element={<PlayerPage />} />
        <Route
          path="*"
          element={
            <main className="page" id="main">
              <h1>Page not found</h1>
              <p>There is nothing at this address. <a href="/">Go to the home page.</a></p>
            </main>
          }
        />
      </Routes>
    </Suspense>
  );
}
