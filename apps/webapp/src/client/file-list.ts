import { refreshRelativeTimes } from './relative-times';

/**
 * Replaces the "Uploaded Files" section with a fresh copy from the server. The new markup is the server's
 * auto-escaped page, parsed inert by DOMParser and moved in as nodes; no user data is assigned as HTML.
 */
export async function refreshFileList(sectionId: string): Promise<void> {
  const current = document.getElementById(sectionId);
  if (!current) return;
  const response = await fetch(location.pathname + location.search, {
    credentials: 'same-origin',
    cache: 'no-store',
    headers: { Accept: 'text/html' },
  });
  if (!response.ok) return;
  const fresh = new DOMParser().parseFromString(await response.text(), 'text/html').getElementById(sectionId);
  if (!fresh) return;
  const adopted = document.adoptNode(fresh);
  current.replaceWith(adopted);
  refreshRelativeTimes(adopted);
}
