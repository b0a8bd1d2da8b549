import type { CompletePartsRequest, CreateSessionRequest, SignPartsRequest } from './session-shapes';
import type { SignedPart } from './part-signer';

/** A stored part, as the session API reports and completes it. */
export interface DonePart {
  readonly partNumber: number;
  readonly etag: string;
  readonly checksum: string;
}

/** What the page knows of a session. */
export interface SessionInfo {
  readonly id: string;
  readonly partSize: number;
  readonly partCount: number;
  readonly parts: readonly DonePart[];
}

/** An answer of the app that was not a success, with its stable code. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** Calls the upload-session API with the page's CSRF token. */
export class SessionApi {
  constructor(private readonly csrfToken: string) {}

  async create(file: File): Promise<SessionInfo> {
    const request: CreateSessionRequest = {
      name: file.name,
      size: file.size,
      contentType: file.type || 'application/octet-stream',
    };
    const created = await this.call<SessionInfo>('POST', '/api/uploads', request);
    return { ...created, parts: [] };
  }

  status(id: string): Promise<SessionInfo> {
    return this.call('GET', `/api/uploads/${id}`);
  }

  async sign(id: string, parts: readonly { partNumber: number; checksum: string }[]): Promise<SignedPart[]> {
    const request: SignPartsRequest = { parts: [...parts] };
    return (await this.call<{ parts: SignedPart[] }>('POST', `/api/uploads/${id}/sign`, request)).parts;
  }

  complete(id: string, parts: readonly DonePart[]): Promise<{ checksum?: { value: string } }> {
    const request: CompletePartsRequest = { parts: [...parts] };
    return this.call('POST', `/api/uploads/${id}/complete`, request);
  }

  /** Whether a READY file has this id (a session's id is its file's). */
  async fileExists(id: string): Promise<boolean> {
    try {
      await this.call('GET', `/api/files/${id}`);
      return true;
    } catch {
      return false;
    }
  }

  abort(id: string): Promise<void> {
    return this.call('DELETE', `/api/uploads/${id}`);
  }

  private async call<T>(method: string, url: string, body?: unknown): Promise<T> {
    const res = await fetch(url, {
      method,
      credentials: 'same-origin',
      headers: {
        Accept: 'application/json',
        'X-CSRF-Token': this.csrfToken,
        ...(body !== undefined && { 'Content-Type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    const json = text ? (JSON.parse(text) as { error?: { code: string; message: string } }) : {};
    if (!res.ok)
      throw new ApiError(
        res.status,
        json.error?.code ?? 'HTTP_ERROR',
        json.error?.message ?? `The server answered ${res.status}.`,
      );
    return json as T;
  }
}
