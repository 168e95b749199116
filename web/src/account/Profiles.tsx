import { useState, type FormEvent } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { api, ApiError, messageOf } from '../api/client';
import type { ProfileView } from '../api/types';
import { ErrorNotice } from '../ui/ErrorNotice';
import { Field } from '../ui/Field';
import { maturityLabel } from '../ui/format';
import { useSession } from './session';

const avatars = ['blue', 'red', 'green', 'yellow', 'purple', 'orange', 'teal', 'pink'];
const maturityLevels = [0, 7, 13, 16, 18];
export const profilePickedKey = 'marquee.profile-picked';

export function Avatar({ profile, size = 'large' }: { profile: Pick<ProfileView, 'name' | 'avatar'>; size?: 'large' | 'small' }) {
  return (
    <span className={`avatar avatar-${size} avatar-${avatars.includes(profile.avatar) ? profile.avatar : 'blue'}`} aria-hidden="true">
      {profile.name.slice(0, 1).toUpperCase()}
    </span>
  );
}

/** "Who's watching?": picks the profile (asking for its PIN when it is locked) and adds new ones. */
export function Profiles() {
  const session = useSession();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [locked, setLocked] = useState<ProfileView | null>(null);
  const [pin, setPin] = useState('');
  const [forgot, setForgot] = useState(false);
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [adding, setAdding] = useState(false);
  const [busy, setBusy] = useState(false);
  const next = params.get('next');

  async function select(profile: ProfileView, withPin?: string) {
    if (profile.locked && withPin === undefined) {
      setLocked(profile);
      setPin('');
      setForgot(false);
      setPassword('');
      setError(null);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await api.post(`/api/v1/profiles/${encodeURIComponent(profile.id)}/select`, withPin ? { pin: withPin } : {});
      sessionStorage.setItem(profilePickedKey, profile.id);
      await session.refresh();
      navigate(next && next.startsWith('/') && !next.startsWith('//') ? next : '/', { replace: true });
    } catch (reason) {
      setError(messageOf(reason));
    } finally {
      setBusy(false);
    }
  }

  function submitPin(event: FormEvent) {
    event.preventDefault();
    if (locked) void select(locked, pin);
  }

  /** A forgotten PIN: the account's password lifts the lock, then the profile opens. */
  async function submitPassword(event: FormEvent) {
    event.preventDefault();
    if (!locked) return;
    setBusy(true);
    setError(null);
    try {
      const unlocked = await api.post<ProfileView>(`/api/v1/profiles/${encodeURIComponent(locked.id)}/unlock`, { password });
      setPassword('');
      await select(unlocked);
    } catch (reason) {
      setError(messageOf(reason));
    } finally {
      setBusy(false);
    }
  }

  const canAdd = !session.profile?.kids;
  return (
    <main className="profiles" id="main">
      <h1>Who’s watching?</h1>
      <ul className="profile-grid">
        {session.profiles.map((profile) => (
          <li key={profile.id}>
            <button type="button" className="profile-choice" onClick={() => void select(profile)} disabled={busy}>
              <Avatar profile={profile} />
              <span className="profile-name">{profile.name}</span>
              <span className="profile-badges">
                {profile.kids && <span className="badge">Kids · {maturityLabel(profile.maturityLimit)}</span>}
                {profile.locked && <span className="badge">PIN</span>}
              </span>
            </button>
          </li>
        ))}
        {canAdd && (
          <li>
            <button type="button" className="profile-choice profile-add" onClick={() => setAdding(true)}>
              <span className="avatar avatar-large avatar-add" aria-hidden="true">
                +
              </span>
              <span className="profile-name">Add profile</span>
            </button>
          </li>
        )}
      </ul>
      {locked && forgot && (
        <form className="pin-form" onSubmit={(e) => void submitPassword(e)} aria-label={`Remove the PIN of ${locked.name}`}>
          <Field
            label={`Your account password removes the PIN of ${locked.name}`}
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            autoFocus
          />
          <div className="row-actions">
            <button className="button button-primary" type="submit" disabled={busy || password.length === 0}>
              Remove PIN
            </button>
            <button className="button" type="button" onClick={() => setForgot(false)}>
              Back
            </button>
          </div>
        </form>
      )}
      {locked && !forgot && (
        <form className="pin-form" onSubmit={submitPin} aria-label={`PIN for ${locked.name}`}>
          <Field
            label={`Enter the PIN for ${locked.name}`}
            type="password"
            inputMode="numeric"
            autoComplete="off"
            pattern="[0-9]{4}"
            maxLength={4}
            value={pin}
            onChange={(e) => setPin(e.target.value.replace(/\D/g, ''))}
            autoFocus
          />
          <div className="row-actions">
            <button className="button button-primary" type="submit" disabled={busy || pin.length !== 4}>
              Continue
            </button>
            <button className="button" type="button" onClick={() => setLocked(null)}>
              Cancel
            </button>
            <button className="button button-link" type="button" onClick={() => setForgot(true)}>
              Forgot PIN?
            </button>
          </div>
        </form>
      )}
      {error && <ErrorNotice message={error} />}
      {adding && <AddProfile onDone={() => setAdding(false)} />}
    </main>
  );
}

function AddProfile({ onDone }: { onDone: () => void }) {
  const session = useSession();
  const [name, setName] = useState('');
  const [avatar, setAvatar] = useState('green');
  const [kids, setKids] = useState(false);
  const [maturity, setMaturity] = useState(7);
  const [pin, setPin] = useState('');
  const [fields, setFields] = useState<Record<string, string[]>>({});
  const [error, setError] = useState<string | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    setFields({});
    try {
      await api.post('/api/v1/profiles', { name, avatar, maturityLimit: kids ? maturity : 18, pin: pin || undefined });
      await session.refresh();
      onDone();
    } catch (reason) {
      if (reason instanceof ApiError && Object.keys(reason.fields).length > 0) setFields(reason.fields);
      else setError(messageOf(reason));
    }
  }

  return (
    <form className="panel profile-form" onSubmit={submit} aria-labelledby="add-profile-title">
      <h2 id="add-profile-title">Add a profile</h2>
      <Field label="Name" value={name} maxLength={40} onChange={(e) => setName(e.target.value)} required errors={fields.name} />
      <fieldset className="avatar-picker">
        <legend>Colour</legend>
        {avatars.map((colour) => (
          <label key={colour} className={`avatar-option avatar-${colour}`}>
            <input type="radio" name="avatar" value={colour} checked={avatar === colour} onChange={() => setAvatar(colour)} />
            <span className="visually-hidden">{colour}</span>
          </label>
        ))}
      </fieldset>
      <label className="check">
        <input type="checkbox" checked={kids} onChange={(e) => setKids(e.target.checked)} /> Kids profile
      </label>
      {kids && (
        <div className="field">
          <label htmlFor="maturity">Titles up to</label>
          <select id="maturity" value={maturity} onChange={(e) => setMaturity(Number(e.target.value))}>
            {maturityLevels.slice(0, -1).map((level) => (
              <option key={level} value={level}>
                {maturityLabel(level)}
              </option>
            ))}
          </select>
        </div>
      )}
      <Field
        label="PIN (optional)"
        hint="Four digits asked for before this profile opens."
        type="password"
        inputMode="numeric"
        maxLength={4}
        value={pin}
        onChange={(e) => setPin(e.target.value.replace(/\D/g, ''))}
        errors={fields.pin}
      />
      {error && <ErrorNotice message={error} />}
      <div className="row-actions">
        <button className="button button-primary" type="submit">
          Add profile
        </button>
        <button className="button" type="button" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}
