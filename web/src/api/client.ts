import type { components } from './schema';

/** The origin's JSON shapes, generated from its OpenAPI document (web/openapi.json). */
export type Schemas = components['schemas'];

/** An API answer that was not a success, turned into a sentence a person can read. */
export class ApiError extends Error {
  readonly status: number;
  readonly title: string;
  readonly fields: Record<string, string[]>;

  constructor(status: number, title: string, message: string, fields: Record<string, string[]> = {}) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.title = title;
    this.fields = fields;
  }
}

interface Problem {
  title?: string;
  detail?: string;
  status?: number;
  errors?: Record<string, string[]>;
}

interface Antiforgery {
  token: string;
  headerName: string;
}

let antiforgery: Promise<Antiforgery> | null = null;

/** Forget the antiforgery token: it is bound to who is signed in, so sign-in and sign-out need a new one. */
export function resetAntiforgery(): void {
  antiforgery = null;
}

/** Take the antiforgery token the origin sent with the page (the player page's bootstrap), so no request asks for one. */
export function adoptAntiforgery(token: string, headerName: string): void {
  antiforgery = Promise.resolve({ token, headerName });
}

async function antiforgeryHeader(): Promise<Record<string, string>> {
  // No network is an ApiError like any other request's (status 0), not a bare TypeError.
  antiforgery ??= fetch('/api/v1/auth/antiforgery', { credentials: 'same-origin' }).catch(() => Promise.reject(new ApiError(0, 'Offline', unreachable))).then(async (response) => {
    if (!response.ok) {
      throw await toError(response);
    }
    return (await response.json()) as Antiforgery;
  });
  try {
    const { token, headerName } = await antiforgery;
    return { [headerName]: token };
  } catch (error) {
    antiforgery = null;
    throw error;
  }
}

const unreachable = 'Marquee cannot be reached right now. Check your connection and try again.';

/** Reads a problem+json answer (RFC 9457) into an ApiError whose message is a full sentence. */
export async function toError(response: Response): Promise<ApiError> {
  let problem: Problem = {};
  if ((response.headers.get('content-type') ?? '').includes('json')) {
    try {
      problem = (await response.json()) as Problem;
    } catch {
      problem = {};
    }
  }
  const fields = problem.errors ?? {};
  const fieldText = Object.values(fields).flat().join(' ');
  const title = problem.title ?? response.statusText;
  let message = [problem.detail, fieldText].filter((part) => part && part.length > 0).join(' ');
  if (!message) {
    message = fallbackMessage(response.status, problem.title);
  }
  return new ApiError(response.status, title, message, fields);
}

function fallbackMessage(status: number, title: string | undefined): string {
  if (title && status < 500) {
    return title.endsWith('.') ? title : `${title}.`;
  }
  switch (status) {
    case 401:
      return 'Please sign in to continue.';
    case 403:
      return 'You do not have access to this.';
    case 404:
      return 'This could not be found. It may have been removed.';
    case 429:
      return 'Too many requests. Wait a moment and try again.';
    case 451:
      return 'This is not available in your region.';
    default:
      return status >= 500
        ? `Something went wrong on our side (error ${status}). Try again in a moment.`
        : `The request could not be completed (error ${status}).`;
  }
}

export interface SendOptions {
  signal?: AbortSignal;
  keepalive?: boolean;
  headers?: Record<string, string>;
}

async function request<T>(method: string, path: string, body: unknown, options: SendOptions, retried = false): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
  const unsafe = method !== 'GET' && method !== 'HEAD';
  if (unsafe) {
    Object.assign(headers, await antiforgeryHeader());
  }
  let payload: BodyInit | undefined;
  if (body instanceof Blob) {
    payload = body;
    headers['content-type'] = body.type || 'application/octet-stream';
  } else if (body !== undefined) {
    payload = JSON.stringify(body);
    headers['content-type'] = 'application/json';
  }
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: payload,
      credentials: 'same-origin',
      signal: options.signal,
      keepalive: options.keepalive,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') {
      throw error;
    }
    throw new ApiError(0, 'Offline', unreachable);
  }
  if (!response.ok) {
    const error = await toError(response);
    // The token is bound to the signed-in user; after a sign-in elsewhere in this browser, fetch a fresh one once.
    if (unsafe && !retried && response.status === 400 && error.title.startsWith('Antiforgery')) {
      resetAntiforgery();
      return request<T>(method, path, body, options, true);
    }
    throw error;
  }
  if (response.status === 204 || response.headers.get('content-length') === '0') {
    return undefined as T;
  }
  const type = response.headers.get('content-type') ?? '';
  return (type.includes('json') ? await response.json() : undefined) as T;
}

export const api = {
  get: <T>(path: string, options: SendOptions = {}) => request<T>('GET', path, undefined, options),
  post: <T = void>(path: string, body?: unknown, options: SendOptions = {}) => request<T>('POST', path, body ?? {}, options),
  /** A POST with no body at all (an empty JSON object is still a body, and some endpoints judge it). */
  postEmpty: <T = void>(path: string, options: SendOptions = {}) => request<T>('POST', path, undefined, options),
  put: <T = void>(path: string, body?: unknown, options: SendOptions = {}) => request<T>('PUT', path, body ?? {}, options),
  patch: <T = void>(path: string, body?: unknown, options: SendOptions = {}) => request<T>('PATCH', path, body ?? {}, options),
  delete: <T = void>(path: string, options: SendOptions = {}, body?: unknown) => request<T>('DELETE', path, body, options),
  antiforgeryHeader,
};

/** Builds a query string from the defined values; arrays repeat their key. */
export function query(values: Record<string, string | number | boolean | string[] | undefined | null>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) {
    if (value === undefined || value === null || value === '') continue;
    if (Array.isArray(value)) {
      value.forEach((item) => params.append(key, item));
    } else {
      params.set(key, String(value));
    }
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

export function messageOf(error: unknown): string {
  return error instanceof ApiError ? error.message : 'Something went wrong. Try again.';
}
