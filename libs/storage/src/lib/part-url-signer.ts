import { UploadPartCommand, type S3Client } from '@aws-sdk/client-s3';
import { formatUrl } from '@aws-sdk/core/util';
import { S3RequestPresigner, getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type { PartToSign, SignedRequest } from '@ha-uploads/files';

/** Settings of PartUrlSigner. */
export interface PartUrlSignerProps {
  /** The client whose endpoint, credentials and region the URLs carry (the one the browser reaches). */
  readonly s3: S3Client;
  readonly bucket: string;
  readonly expiresInSeconds: number;
  /** @default - the system clock */
  readonly clock?: () => Date;
}

type RequestToSign = Parameters<S3RequestPresigner['presign']>[0];

/**
 * Content-Length is signed from the request and the checksum stays a signed header: S3 refuses a body of any other
 * length or digest. Fresh sets each time, because the presigner adds to them.
 */
function signOptions(expiresIn: number, signingDate: Date) {
  return {
    expiresIn,
    signingDate,
    signableHeaders: new Set(['content-length']),
    unhoistableHeaders: new Set(['x-amz-checksum-sha256']),
  };
}
/** Query parameters the signer itself adds; everything else in a signed URL is the request's own. */
const SIGNATURE_PARAM = /^X-Amz-/;

/**
 * Presigned UploadPart URLs for a batch of parts at the cost of one SDK call. The first URL comes from getSignedUrl,
 * which applies the SDK's endpoint rules, path encoding and signing region. Every other part of the batch is signed
 * from that same request, changing only its part number, length and checksum, by one long-lived S3RequestPresigner
 * (whose signing key is cached). A tenth of getSignedUrl's CPU per URL, and the same URLs.
 */
export class PartUrlSigner {
  private readonly presigners = new Map<string, S3RequestPresigner>();
  private readonly clock: () => Date;

  constructor(private readonly props: PartUrlSignerProps) {
    this.clock = props.clock ?? (() => new Date());
  }

  async sign(key: string, uploadId: string, parts: readonly PartToSign[]): Promise<SignedRequest[]> {
    if (parts.length === 0) return [];
    const signingDate = this.clock();
    const expiresIn = this.props.expiresInSeconds;
    const [first, ...rest] = parts;
    const firstUrl = await getSignedUrl(
      this.props.s3,
      this.command(key, uploadId, first),
      signOptions(expiresIn, signingDate),
    );
    const template = new URL(firstUrl);
    const { region, service } = credentialScope(template);
    const presigner = this.presigner(region, service);
    const signed: SignedRequest[] = [{ url: firstUrl, headers: boundHeaders(first) }];
    for (const part of rest) {
      const request = requestFor(template, part);
      const url = formatUrl(
        await presigner.presign(request, {
          ...signOptions(expiresIn, signingDate),
          signingRegion: region,
          signingService: service,
        }),
      );
      signed.push({ url, headers: boundHeaders(part) });
    }
    return signed;
  }

  private command(key: string, uploadId: string, part: PartToSign): UploadPartCommand {
    return new UploadPartCommand({
      Bucket: this.props.bucket,
      Key: key,
      UploadId: uploadId,
      PartNumber: part.partNumber,
      ContentLength: part.size,
      ChecksumSHA256: part.checksum,
    });
  }

  private presigner(region: string, service: string): S3RequestPresigner {
    const cacheKey = `${region}/${service}`;
    let presigner = this.presigners.get(cacheKey);
    if (!presigner) {
      presigner = new S3RequestPresigner({ ...this.props.s3.config, region: async () => region, signingName: service });
      this.presigners.set(cacheKey, presigner);
    }
    return presigner;
  }
}

/** The headers the client sends with the part (its checksum); the browser sets Content-Length itself. */
function boundHeaders(part: PartToSign): Record<string, string> {
  return { 'x-amz-checksum-sha256': part.checksum };
}

/** Region and service from X-Amz-Credential (`<key id>/<date>/<region>/<service>/aws4_request`). */
function credentialScope(url: URL): { region: string; service: string } {
  const scope = url.searchParams.get('X-Amz-Credential')?.split('/') ?? [];
  const [region, service] = scope.slice(-3, -1);
  if (!region || !service) throw new Error(`a presigned URL without a credential scope: ${url.origin}${url.pathname}`);
  return { region, service };
}

/**
 * The unsigned request of another part: the template's endpoint, path and query with this part's number and headers.
 */
function requestFor(template: URL, part: PartToSign): RequestToSign {
  const query: Record<string, string> = {};
  for (const [name, value] of template.searchParams) if (!SIGNATURE_PARAM.test(name)) query[name] = value;
  query.partNumber = String(part.partNumber);
  return {
    protocol: template.protocol,
    hostname: template.hostname,
    port: template.port ? Number(template.port) : undefined,
    method: 'PUT',
    path: template.pathname,
    query,
    headers: { host: template.host, 'content-length': String(part.size), 'x-amz-checksum-sha256': part.checksum },
  } as RequestToSign;
}
