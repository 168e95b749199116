import { Link } from 'react-router';

/** Said instead of posting when the profile has no public name: where to choose one. */
export function NeedHandle({ what }: { what: string }) {
  return (
    <div className="notice" role="alert">
      <p>
        To {what}, choose a public name first, so others know who is talking. <Link to="/people">Choose your public name on the People page.</Link>
      </p>
    </div>
  );
}
