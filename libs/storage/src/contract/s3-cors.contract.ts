import type { S3Target } from './s3-targets';

/** The bucket's CORS rule (the app's DIRECT_TRANSFER_CORS) as a browser meets it. */
export function describeS3Cors(target: () => S3Target): void {
  describe('CORS', () => {
    const preflight = (origin: string, method = 'PUT') =>
      fetch(target().objectUrl(`${target().prefix}cors/part`), {
        method: 'OPTIONS',
        headers: {
          Origin: origin,
          'Access-Control-Request-Method': method,
          'Access-Control-Request-Headers': 'content-type,x-amz-checksum-sha256',
        },
      });

    it('allows a part PUT from the allowed origin, exposing the ETag and checksums', async () => {
      const res = await preflight(target().allowedOrigin);
      expect(res.status).toBe(200);
      expect(res.headers.get('access-control-allow-origin')).toBe(target().allowedOrigin);
      expect(res.headers.get('access-control-allow-methods')).toContain('PUT');
      expect(res.headers.get('access-control-expose-headers')?.toLowerCase()).toContain('etag');
    });

    it('refuses a preflight from another origin with 403', async () => {
      const res = await preflight('https://another-site.example');
      expect(res.status).toBe(403);
      expect(res.headers.get('access-control-allow-origin')).toBeNull();
    });

    it('refuses a preflight for a method the rule does not allow with 403', async () => {
      const res = await preflight(target().allowedOrigin, 'DELETE');
      expect(res.status).toBe(403);
    });
  });
}
