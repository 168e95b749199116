import { useEffect, useState, type FormEvent, type ReactNode } from 'react';
import { Link, NavLink, useLocation, useNavigate } from 'react-router';
import { Avatar } from '../account/Profiles';
import { useSession } from '../account/session';
import { isAdultProfile } from '../social/adult';
import { useOnline } from './useOnline';

/** The header every signed-in screen shares: navigation, search, and the profile menu. */
export function Shell({ children }: { children: ReactNode }) {
  const session = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const [q, setQ] = useState(() => new URLSearchParams(location.search).get('q') ?? '');
  const [menu, setMenu] = useState(false);
  const online = useOnline();

  useEffect(() => setMenu(false), [location.pathname]);

  function search(event: FormEvent) {
    event.preventDefault();
    navigate(`/search?q=${encodeURIComponent(q)}`);
  }

  function typed(value: string) {
    setQ(value);
    // Search as you type: the search page follows the address, so typing updates the results live.
    navigate(`/search?q=${encodeURIComponent(value)}`, { replace: location.pathname === '/search' });
  }

  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <Link to="/" className="brand" aria-label="Marquee home">
          Marquee
        </Link>
        <nav aria-label="Main">
          <NavLink to="/" end>
            Home
          </NavLink>
          <NavLink to="/lists">Lists</NavLink>
          <NavLink to="/downloads">Downloads</NavLink>
          {isAdultProfile(session.profile) && (
            <>
              <NavLink to="/people">People</NavLink>
              <NavLink to="/feed">Feed</NavLink>
            </>
          )}
          {session.isAdmin && <NavLink to="/admin">Admin</NavLink>}
        </nav>
        <form role="search" className="search-box" onSubmit={search}>
          <label htmlFor="search" className="visually-hidden">
            Search titles
          </label>
          <input id="search" type="search" placeholder="Titles, genres, people" value={q} onChange={(e) => typed(e.target.value)} autoComplete="off" />
        </form>
        {session.profile && (
          <div className="profile-menu">
            <button type="button" className="profile-button" aria-label={`Profile menu: ${session.profile.name}`} aria-expanded={menu} aria-haspopup="true" onClick={() => setMenu(!menu)}>
              <Avatar profile={session.profile} size="small" />
              <span className="profile-button-name">{session.profile.name}</span>
            </button>
            {menu && (
              <ul className="menu" role="menu">
                <li role="none">
                  <Link role="menuitem" to="/profiles">
                    Switch profile
                  </Link>
                </li>
                <li role="none">
                  <Link role="menuitem" to="/account">
                    Account
                  </Link>
                </li>
                <li role="none">
                  <button
                    role="menuitem"
                    type="button"
                    onClick={() => {
                      void session.signOut().then(() => navigate('/'));
                    }}
                  >
                    Sign out
                  </button>
                </li>
              </ul>
            )}
          </div>
        )}
      </header>
      {!online && location.pathname !== '/downloads' && (
        <p className="offline-banner" role="status">
          You are offline. <Link to="/downloads">Your downloads</Link> play without a network.
        </p>
      )}
      {children}
    </>
  );
}
