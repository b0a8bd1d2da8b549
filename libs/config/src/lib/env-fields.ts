import { z } from 'zod';

/** An integer from an environment variable, within [min, max]. */
export function envInt(min: number, max: number, fallback: number) {
  return z
    .string()
    .trim()
    .regex(/^-?\d+$/, `must be a whole number between ${min} and ${max}`)
    .transform(Number)
    .pipe(z.number().int().min(min, `must be at least ${min}`).max(max, `must be at most ${max}`))
    .default(fallback);
}

/** `true`/`false` (also 1/0, yes/no, on/off) from an environment variable. */
export function envBool(fallback: boolean) {
  return z
    .string()
    .trim()
    .toLowerCase()
    .pipe(z.enum(['true', 'false', '1', '0', 'yes', 'no', 'on', 'off'], { message: 'must be true or false' }))
    .transform((v) => v === 'true' || v === '1' || v === 'yes' || v === 'on')
    .default(fallback);
}

/** An http(s) URL from an environment variable, or undefined when unset or empty. */
export function envUrl() {
  return z
    .string()
    .trim()
    .transform((v) => (v === '' ? undefined : v))
    .pipe(z.url({ protocol: /^https?$/, message: 'must be an http(s) URL' }).optional())
    .optional();
}

/** A non-empty string from an environment variable, or undefined when unset or empty. */
export function envOptionalString() {
  return z
    .string()
    .trim()
    .transform((v) => (v === '' ? undefined : v))
    .optional();
}
