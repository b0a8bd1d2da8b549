import { createHash, randomBytes } from 'node:crypto';

/** An owner secret: 256 random bits as base64url (43 characters). */
export const OWNER_SECRET_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/** A new random owner secret. */
export function newOwnerSecret(): string {
  return randomBytes(32).toString('base64url');
}

/** The owner id stored on records: a one-way digest, so a record never reveals the secret that proves ownership. */
export function ownerIdOf(secret: string): string {
  return createHash('sha256').update(secret).digest('base64url');
}
