import { createHash } from 'node:crypto';

/** A static file the app serves itself, addressed by a content-versioned URL. */
export interface StaticAsset {
  /** The route, e.g. /assets/app.css */
  readonly path: string;
  /** What pages link to: the path plus `?v=<content hash>`. */
  readonly href: string;
  readonly version: string;
  readonly contentType: string;
  readonly body: string;
}

/**
 * Versions an asset by its content, so pages can mark it immutable: a reload then sends only the page request
 * (one request through a round-robin balancer), and instances with the same build link the same URL.
 */
export function staticAsset(path: string, contentType: string, body: string): StaticAsset {
  const version = createHash('sha256').update(body).digest('base64url').slice(0, 12);
  return { path, href: `${path}?v=${version}`, version, contentType, body };
}
