import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

/** A throwaway OpenPGP key in its own GNUPGHOME, as a registry signs its SHA256SUMS with. */
export interface SigningKey {
  /** The 16-hex-digit key id terraform matches the signature against. */
  readonly keyId: string;
  readonly asciiArmor: string;
  /** Writes a binary detached signature of `file` to `signatureFile`. */
  sign(file: string, signatureFile: string): void;
  /** Stops the gpg-agent the key's GNUPGHOME started. */
  close(): void;
}

/** Makes a signing key under `dir` with the machine's gpg. */
export function createSigningKey(dir: string): SigningKey {
  const home = join(dir, 'gnupg');
  mkdirSync(home, { mode: 0o700 });
  const env = { ...process.env, GNUPGHOME: home };
  const gpg = (...args: string[]) =>
    execFileSync('gpg', ['--batch', '--pinentry-mode', 'loopback', '--passphrase', '', ...args], {
      env,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  gpg('--quick-gen-key', 'Registry stand-in <registry@stand-in.invalid>', 'rsa2048', 'sign', '1d');
  const keyId = /^pub:[^:]*:[^:]*:[^:]*:([0-9A-F]{16}):/m.exec(gpg('--with-colons', '--list-keys'))?.[1];
  if (!keyId) throw new Error('gpg made no key');
  return {
    keyId,
    asciiArmor: gpg('--armor', '--export', keyId),
    sign: (file, signatureFile) => void gpg('--local-user', keyId, '--output', signatureFile, '--detach-sign', file),
    close: () => void execFileSync('gpgconf', ['--kill', 'gpg-agent'], { env, stdio: 'ignore' }),
  };
}
