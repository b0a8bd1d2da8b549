import { generateKeyPairSync, randomUUID, sign, type KeyObject } from 'node:crypto';

/** A made-up ARN in the ALB's format, naming the local balancer as the signer. */
export const LOCAL_ALB_ARN =
  'arn:aws:elasticloadbalancing:us-east-1:000000000000:loadbalancer/app/local-balancer/0123456789abcdef';

/** Settings of the local signer of `x-amzn-oidc-data`. */
export interface AlbTokenSignerProps {
  /** @default LOCAL_ALB_ARN */
  readonly albArn?: string;
  /** The `iss` claim (the IdP's issuer). */
  readonly issuer: string;
  /** @default 'local-client' */
  readonly clientId?: string;
  /** Token lifetime. @default 120 */
  readonly lifetimeSeconds?: number;
}

/** Signs user claims the way the ALB's authenticate action does, with a key pair made at start-up. */
export interface AlbTokenSigner {
  /** The key id (a UUID, as the ALB uses) under which the key endpoint serves the public key. */
  readonly kid: string;
  readonly albArn: string;
  readonly issuer: string;
  /** The public key as the regional ELB endpoint serves it: a PEM (SubjectPublicKeyInfo). */
  readonly publicKeyPem: string;
  /** A signed token; `header` overrides any header field (tests forge with it). */
  sign(
    claims: Readonly<Record<string, unknown>>,
    options?: { readonly header?: Readonly<Record<string, unknown>>; readonly expiresAt?: number },
  ): string;
}

/** The ALB encodes each part as base64url WITH its `=` padding, unlike most JWT libraries. */
export function paddedBase64Url(data: Buffer | string): string {
  return Buffer.from(data).toString('base64').replace(/\+/g, '-').replace(/\//g, '_');
}

/** A signer with a fresh ES256 (P-256) key pair. */
export function createAlbTokenSigner(props: AlbTokenSignerProps): AlbTokenSigner {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const kid = randomUUID();
  const albArn = props.albArn ?? LOCAL_ALB_ARN;
  const lifetime = props.lifetimeSeconds ?? 120;
  return {
    kid,
    albArn,
    issuer: props.issuer,
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    sign(claims, options = {}) {
      const exp = options.expiresAt ?? Math.floor(Date.now() / 1000) + lifetime;
      // The ALB's header carries kid, signer, client, iss and exp; the payload carries the user's claims, iss and exp.
      const header = {
        typ: 'JWT',
        kid,
        alg: 'ES256',
        iss: props.issuer,
        client: props.clientId ?? 'local-client',
        signer: albArn,
        exp,
        ...options.header,
      };
      const payload = { ...claims, iss: props.issuer, exp };
      return signParts(header, payload, privateKey);
    },
  };
}

function signParts(header: object, payload: object, key: KeyObject): string {
  const signingInput = `${paddedBase64Url(JSON.stringify(header))}.${paddedBase64Url(JSON.stringify(payload))}`;
  // JOSE signatures are r||s (IEEE P1363), not DER.
  const signature = sign('sha256', Buffer.from(signingInput), { key, dsaEncoding: 'ieee-p1363' });
  return `${signingInput}.${paddedBase64Url(signature)}`;
}
