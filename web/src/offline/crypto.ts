/**
 * The stored segments' encryption: AES-GCM with the licence's key, imported as a non-extractable CryptoKey (the
 * page can use it, nothing can read it back out), and a random 96-bit IV per piece, stored beside it. Without the
 * key (deleted when the licence ends) the stored bytes are noise. A deterrent, not DRM: the key passes through the
 * page when the licence arrives.
 */
export async function importKey(base64: string): Promise<CryptoKey> {
  const raw = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  if (raw.length !== 16 && raw.length !== 32) throw new Error(`a download key of ${raw.length} bytes`);
  return crypto.subtle.importKey('raw', raw, { name: 'AES-GCM' }, false, ['encrypt', 'decrypt']);
}

export async function encrypt(key: CryptoKey, data: ArrayBuffer): Promise<{ iv: Uint8Array<ArrayBuffer>; data: ArrayBuffer }> {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  return { iv, data: await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, key, data) };
}

export function decrypt(key: CryptoKey, iv: Uint8Array<ArrayBuffer>, data: ArrayBuffer): Promise<ArrayBuffer> {
  return crypto.subtle.decrypt({ name: 'AES-GCM', iv }, key, data);
}

/** Whether this browser can store downloads: IndexedDB and WebCrypto (which needs https, or localhost). */
export function offlineSupported(): boolean {
  return typeof indexedDB !== 'undefined' && typeof crypto !== 'undefined' && crypto.subtle !== undefined && window.isSecureContext;
}
