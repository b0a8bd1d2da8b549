import { S3Client, UploadPartCommand } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { LOCAL_AWS_CREDENTIALS } from '@ha-uploads/config';
import type { Page } from 'playwright-core';

/** A part PUT the page sent to S3, and what S3 answered. */
export interface PartAnswer {
  readonly partNumber: number;
  readonly status: number;
}

/** The part number a URL to S3 names, or 0 for any other URL. */
export function partNumberOf(url: string | URL): number {
  return Number(new URL(url).searchParams.get('partNumber') ?? 0);
}

/** Records S3's answer to every part PUT the page sends. */
export function recordPartAnswers(page: Page, into: PartAnswer[]): void {
  page.on('response', (response) => {
    const partNumber = partNumberOf(response.url());
    if (partNumber > 0 && response.request().method() === 'PUT') into.push({ partNumber, status: response.status() });
  });
}

/** The statuses S3 answered for one part, in order. */
export function answersFor(answers: readonly PartAnswer[], partNumber: number): number[] {
  return answers.filter((a) => a.partNumber === partNumber).map((a) => a.status);
}

/** Ten minutes ago: a URL signed then for five minutes has expired, with no wait. */
const TEN_MINUTES_MS = 10 * 60_000;

/**
 * The same part request as `url` signed anew with the local credentials, but at a clock ten minutes behind, so the
 * local S3 finds it expired: the test drives expiry with a clock it controls instead of waiting.
 */
export async function expiredCopyOf(
  part: { url: string; headers: Readonly<Record<string, string>> },
  size: number,
): Promise<string> {
  const url = new URL(part.url);
  const [, bucket, ...key] = url.pathname.split('/');
  const region = url.searchParams.get('X-Amz-Credential')?.split('/')[2] ?? 'us-east-1';
  const s3 = new S3Client({ endpoint: url.origin, forcePathStyle: true, region, credentials: LOCAL_AWS_CREDENTIALS });
  const command = new UploadPartCommand({
    Bucket: bucket,
    Key: key.map(decodeURIComponent).join('/'),
    UploadId: url.searchParams.get('uploadId') ?? '',
    PartNumber: partNumberOf(url),
    ContentLength: size,
    ChecksumSHA256: part.headers['x-amz-checksum-sha256'],
  });
  const signingDate = new Date(Date.now() - TEN_MINUTES_MS);
  const options = {
    expiresIn: 300,
    signingDate,
    signableHeaders: new Set(['content-length']),
    unhoistableHeaders: new Set(['x-amz-checksum-sha256']),
  };
  try {
    return await getSignedUrl(s3, command, options);
  } finally {
    s3.destroy();
  }
}
