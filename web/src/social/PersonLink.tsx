import { Link } from 'react-router';
import type { PersonRef } from '../api/types';

/** A person's name, linking to their page; the handle beside it tells two people of the same name apart. */
export function PersonLink({ person }: { person: PersonRef }) {
  return (
    <Link className="person-link" to={`/people/${encodeURIComponent(person.handle)}`}>
      <span className="person-name">{person.displayName || person.handle}</span> <span className="person-handle">@{person.handle}</span>
    </Link>
  );
}
