import { Testing } from 'cdktf';
import { FilesBucketCors, type FilesBucketCorsProps } from './files-bucket-cors';
import { synthesizedResources } from '../../testing/synthesized-resources';

function synth(props: Partial<FilesBucketCorsProps> = {}): string {
  return Testing.synthScope((scope) => {
    new FilesBucketCors(scope, 'cors', {
      bucket: 'test-files',
      allowedOrigin: 'https://uploads.example.com',
      ...props,
    });
  });
}

function rule(synthesized: string): Record<string, unknown> {
  const [config] = synthesizedResources<{
    cors_rule: Array<Record<string, unknown>>;
  }>(synthesized, 'aws_s3_bucket_cors_configuration');
  expect(config.cors_rule).toHaveLength(1);
  return config.cors_rule[0];
}

describe('FilesBucketCors', () => {
  it("allows the app's own origin only", () => {
    expect(rule(synth()).allowed_origins).toEqual(['https://uploads.example.com']);
  });

  it('allows PUT and GET, nothing else', () => {
    expect(rule(synth()).allowed_methods).toEqual(['PUT', 'GET']);
  });

  it('exposes the ETag and every checksum header', () => {
    expect(rule(synth()).expose_headers).toEqual([
      'ETag',
      'x-amz-checksum-crc32',
      'x-amz-checksum-crc32c',
      'x-amz-checksum-sha1',
      'x-amz-checksum-sha256',
      'x-amz-checksum-crc64nvme',
    ]);
  });

  it('lets the browser send the checksum headers of a part', () => {
    expect(rule(synth()).allowed_headers).toEqual(['content-type', 'content-md5', 'x-amz-*']);
  });

  it('caches preflights for an hour by default', () => {
    expect(rule(synth()).max_age_seconds).toBe(3600);
  });

  it('refuses a wildcard origin and shows it', () => {
    expect(() => synth({ allowedOrigin: '*' })).toThrow(
      'cors origin must be one scheme://host origin without a trailing slash, got "*"',
    );
  });

  it('refuses an origin with a trailing slash, which browsers never send', () => {
    expect(() => synth({ allowedOrigin: 'https://uploads.example.com/' })).toThrow(
      'got "https://uploads.example.com/"',
    );
  });
});
