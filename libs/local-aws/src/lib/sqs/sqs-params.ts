import { sqsErrors } from './sqs-error';

/** A request's JSON body, read field by field with SQS's validation errors. */
export type SqsInput = Readonly<Record<string, unknown>>;

/** A required string parameter. */
export function requiredString(input: SqsInput, name: string): string {
  const value = input[name];
  if (value === undefined || value === null) throw sqsErrors.missingParameter(name);
  if (typeof value !== 'string') throw sqsErrors.invalidParameter(`${name} must be a string.`);
  return value;
}

/** An optional integer parameter within [min, max], or the fallback. */
export function boundedInt(input: SqsInput, name: string, min: number, max: number, fallback: number): number {
  const value = input[name];
  if (value === undefined || value === null) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max)
    throw sqsErrors.invalidParameter(`${name} must be an integer between ${min} and ${max}, got ${String(value)}.`);
  return value;
}

/** An optional list of strings. */
export function stringList(input: SqsInput, name: string): string[] {
  const value = input[name];
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string'))
    throw sqsErrors.invalidParameter(`${name} must be a list of strings.`);
  return value as string[];
}

/** An optional map of strings to strings. */
export function stringMap(input: SqsInput, name: string): Record<string, string> {
  const value = input[name];
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value) || Object.values(value).some((v) => typeof v !== 'string'))
    throw sqsErrors.invalidParameter(`${name} must be a map of strings.`);
  return value as Record<string, string>;
}
