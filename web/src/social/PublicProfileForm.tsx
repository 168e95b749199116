import { useState, type FormEvent } from 'react';
import { api, ApiError, messageOf } from '../api/client';
import { ErrorNotice } from '../ui/ErrorNotice';
import { Field } from '../ui/Field';
import type { SocialMeView } from '../api/types';

interface Props {
  me: SocialMeView;
  onSaved: (me: SocialMeView) => void;
}

/** The profile's public face: a handle, a name, a few words, and the two switches, both off until turned on. */
export function PublicProfileForm({ me, onSaved }: Props) {
  const [handle, setHandle] = useState(me.handle ?? '');
  const [displayName, setDisplayName] = useState(me.displayName ?? '');
  const [bio, setBio] = useState(me.bio ?? '');
  const [tasteMatching, setTasteMatching] = useState(me.tasteMatching);
  const [shareActivity, setShareActivity] = useState(me.shareActivity);
  const [fields, setFields] = useState<Record<string, string[]>>({});
  const [error, setError] = useState<string | null>(null);
  const [said, setSaid] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function save(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    setFields({});
    setSaid(null);
    try {
      const saved = await api.put<SocialMeView>('/api/v1/social/me', {
        handle: handle.trim(),
        displayName: displayName.trim() || null,
        bio: bio.trim() || null,
        tasteMatching,
        shareActivity,
      });
      onSaved(saved);
      setSaid('Your public profile is saved.');
    } catch (failure) {
      if (failure instanceof ApiError && Object.keys(failure.fields).length > 0) setFields(lowerKeys(failure.fields));
      setError(messageOf(failure));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="panel public-profile" onSubmit={(e) => void save(e)} aria-labelledby="public-profile-title">
      <h2 id="public-profile-title">Your public profile</h2>
      <p className="hint">Other viewers see this profile by its handle. Nothing else about your account is shown.</p>
      <div className="field-row">
        <Field
          label="Handle"
          value={handle}
          onChange={(e) => setHandle(e.target.value)}
          required
          minLength={3}
          maxLength={30}
          pattern="[A-Za-z0-9_]{3,30}"
          autoComplete="off"
          hint="3 to 30 letters, digits or _. Your page is /people/your_handle."
          errors={fields.handle}
        />
        <Field label="Display name" value={displayName} onChange={(e) => setDisplayName(e.target.value)} maxLength={50} hint="Optional; your handle is used without one." errors={fields.displayname} />
      </div>
      <div className="field">
        <label htmlFor="public-bio">About you</label>
        <textarea id="public-bio" rows={2} maxLength={300} value={bio} onChange={(e) => setBio(e.target.value)} aria-describedby="public-bio-hint" />
        <small id="public-bio-hint" className="hint">
          {bio.length} / 300{fields.bio ? ` — ${fields.bio.join(' ')}` : ''}
        </small>
      </div>
      <Switch
        label="Match me with people of similar taste"
        explanation="Compares your ratings with others who also turned this on. They see your name and up to three titles you both liked."
        checked={tasteMatching}
        onChange={setTasteMatching}
      />
      <Switch
        label="Show my ratings and comments on my page"
        explanation="Your page and your followers’ feed show what you rate, review and say. Off: they see only your name and bio."
        checked={shareActivity}
        onChange={setShareActivity}
      />
      {error && <ErrorNotice message={error} />}
      <div className="row-actions">
        <button type="submit" className="button button-primary" disabled={busy}>
          Save public profile
        </button>
        <span role="status">{said}</span>
      </div>
    </form>
  );
}

function Switch({ label, explanation, checked, onChange }: { label: string; explanation: string; checked: boolean; onChange: (on: boolean) => void }) {
  const id = label.toLowerCase().replace(/[^a-z]+/g, '-');
  return (
    <div className="switch-row">
      <input id={id} type="checkbox" role="switch" className="switch" checked={checked} onChange={(e) => onChange(e.target.checked)} aria-describedby={`${id}-hint`} />
      <div>
        <label htmlFor={id}>{label}</label>
        <small id={`${id}-hint`} className="hint">
          {explanation}
        </small>
      </div>
    </div>
  );
}

/** Validation errors are keyed by field name; the origin's casing may differ (DisplayName, displayName). */
function lowerKeys(fields: Record<string, string[]>): Record<string, string[]> {
  return Object.fromEntries(Object.entries(fields).map(([key, value]) => [key.toLowerCase(), value]));
}
