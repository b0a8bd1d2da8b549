/** Where the JSON API lives: the routers mount it here and the CSRF check recognises it by the same rule. */
export const API_PREFIX = '/api';

/** Every router matches paths exactly as written, so `/API/...` reaches no route that the CSRF check reads as /api. */
export const ROUTER_OPTIONS = { sensitive: true } as const;

/** Whether a request path is under the API, as the routers (case-sensitive) would match it. */
export function isApiPath(path: string): boolean {
  return path.startsWith(`${API_PREFIX}/`);
}
