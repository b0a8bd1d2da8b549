import type { ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';

/** Resolves with the first capture of `pattern` in the child's stdout; rejects if the child exits first. */
export function firstMatch(child: ChildProcess, pattern: RegExp): Promise<string> {
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout as NonNullable<ChildProcess['stdout']> });
    lines.on('line', (line) => {
      const match = pattern.exec(line);
      if (match) resolve(match[1]);
    });
    child.once('exit', (code) => reject(new Error(`process exited with code ${code} before printing ${pattern}`)));
  });
}
