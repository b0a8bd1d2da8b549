/** What a token must claim before any key is fetched for it. */
export interface AlbTokenExpectation {
  readonly albArn: string;
  readonly issuer: string;
}

/**
 * Whether an unverified ALB token claims what ours would: ES256, our ALB as signer, our issuer (header and payload).
 * Checked before the key is fetched, so a forged token with a made-up `kid` costs no network call.
 */
export function claimsOurAlb(token: string, expected: AlbTokenExpectation): boolean {
  const [headerPart, payloadPart] = token.split('.');
  const header = decodePart(headerPart);
  const payload = decodePart(payloadPart);
  if (!header || !payload) return false;
  if (header['alg'] !== 'ES256' || header['signer'] !== expected.albArn) return false;
  if (header['iss'] !== undefined && header['iss'] !== expected.issuer) return false;
  return payload['iss'] === expected.issuer;
}

function decodePart(part: string | undefined): Record<string, unknown> | undefined {
  if (part === undefined) return undefined;
  try {
    const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}
