import type { z } from 'zod';

/** Thrown when configuration is invalid; the message names each bad setting and the value received. */
export class ConfigError extends Error {
  readonly code = 'CONFIG_INVALID';

  constructor(
    readonly source: string,
    readonly problems: readonly string[],
  ) {
    super(`invalid ${source}:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Turns zod issues into "NAME: message, got <value>" lines, reading the received value from the input. */
export function describeIssues(issues: readonly z.core.$ZodIssue[], input: unknown): string[] {
  return issues.map((issue) => {
    const name = issue.path.length > 0 ? issue.path.map(String).join('.') : '(root)';
    const received = valueAt(input, issue.path);
    const got = received === undefined ? 'nothing' : JSON.stringify(received);
    return `${name}: ${issue.message}, got ${got}`;
  });
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let current: unknown = input;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}
