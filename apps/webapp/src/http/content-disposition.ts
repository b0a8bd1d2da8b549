/**
 * `attachment` with the original name twice (RFC 6266): an ASCII `filename` fallback for old clients and the
 * exact UTF-8 name in `filename*` (RFC 8187). Always attachment, so an uploaded page never renders on our origin.
 */
export function attachmentDisposition(name: string): string {
  const fallback = name.replace(/[^\x20-\x7e]|["\\%]/g, '_');
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
