import { api } from '../api/client';
import type { PasskeyOptions } from '../api/types';

/** True when this browser can use passkeys through the WebAuthn JSON helpers (current Chromium and Firefox). */
export function passkeysSupported(): boolean {
  return typeof PublicKeyCredential !== 'undefined' && typeof PublicKeyCredential.parseRequestOptionsFromJSON === 'function';
}

function asCredential(value: Credential | null): PublicKeyCredential {
  if (!(value instanceof PublicKeyCredential)) {
    throw new Error('The passkey prompt was closed.');
  }
  return value;
}

/** Signs this browser in with a passkey: no email is typed; the authenticator says who it is. */
export async function signInWithPasskey(): Promise<void> {
  const request = await api.post<PasskeyOptions>('/api/v1/auth/passkey/options');
  const options = PublicKeyCredential.parseRequestOptionsFromJSON(request.options as PublicKeyCredentialRequestOptionsJSON);
  const assertion = asCredential(await navigator.credentials.get({ publicKey: options }));
  await api.post('/api/v1/auth/browser/passkey-login', { credential: assertion.toJSON(), state: request.state });
}

/** Adds a passkey for this browser to the signed-in account. */
export async function addPasskey(name: string): Promise<void> {
  const creation = await api.post<PasskeyOptions>('/api/v1/account/passkeys/options');
  const options = PublicKeyCredential.parseCreationOptionsFromJSON(creation.options as PublicKeyCredentialCreationOptionsJSON);
  const created = asCredential(await navigator.credentials.create({ publicKey: options }));
  await api.post('/api/v1/account/passkeys', { credential: created.toJSON(), state: creation.state, name });
}
