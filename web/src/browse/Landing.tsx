import { Link } from 'react-router';

/** What a signed-out visitor sees first. */
export function Landing() {
  return (
    <main className="landing" id="main">
      <div className="landing-inner">
        <p className="brand landing-brand">Marquee</p>
        <h1>Films and series, streamed from servers near you.</h1>
        <p>Free titles to start with; more with a plan. Watch on any screen, pick up where you left off.</p>
        <div className="row-actions">
          <Link className="button button-primary" to="/signup">
            Create an account
          </Link>
          <Link className="button" to="/signin">
            Sign in
          </Link>
        </div>
      </div>
    </main>
  );
}
