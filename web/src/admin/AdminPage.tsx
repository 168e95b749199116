import { NavLink, Route, Routes } from 'react-router';
import { EdgesAdmin } from './EdgesAdmin';
import { InvitesAdmin } from './InvitesAdmin';
import { ModerationAdmin } from './ModerationAdmin';
import { TitleEditor } from './TitleEditor';
import { TitlesAdmin } from './TitlesAdmin';
import { UploadPanel } from './UploadPanel';
import { UsersAdmin } from './UsersAdmin';

export default function AdminPage() {
  return (
    <main className="page admin" id="main">
      <h1>Administration</h1>
      <nav className="tabs" aria-label="Administration">
        <NavLink to="/admin" end>
          Upload
        </NavLink>
        <NavLink to="/admin/titles">Titles</NavLink>
        <NavLink to="/admin/edges">Regions and edges</NavLink>
        <NavLink to="/admin/users">Users and plans</NavLink>
        <NavLink to="/admin/moderation">Moderation</NavLink>
        <NavLink to="/admin/invites">Invites</NavLink>
      </nav>
      <Routes>
        <Route index element={<UploadPanel />} />
        <Route path="titles" element={<TitlesAdmin />} />
        <Route path="titles/:id" element={<TitleEditor />} />
        <Route path="edges" element={<EdgesAdmin />} />
        <Route path="users" element={<UsersAdmin />} />
        <Route path="moderation" element={<ModerationAdmin />} />
        <Route path="invites" element={<InvitesAdmin />} />
      </Routes>
    </main>
  );
}
