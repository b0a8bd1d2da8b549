import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';
import { readControlFile } from './control-file';

/** The outcome of a control call: ok, or the reason it was refused or failed. */
export interface ControlOutcome {
  readonly ok: boolean;
  readonly code?: string;
  readonly message?: string;
}

/**
 * Runs a cluster operation (`roll`, `scale`) through the running cluster's control endpoint, passing each progress
 * line to `progress`. Refuses without a running cluster; never touches instances itself.
 */
export async function callCluster(
  dataDir: string,
  operation: 'roll' | 'scale',
  body: Record<string, unknown>,
  progress: (line: string) => void,
): Promise<ControlOutcome> {
  const control = await readControlFile(dataDir);
  if (!control) {
    return {
      ok: false,
      code: 'NO_CLUSTER',
      message: `no cluster is running with data in ${dataDir}; start one with \`npx nx run webapp:cluster\` (or pass its --data-dir)`,
    };
  }
  let res: Response;
  try {
    res = await fetch(`${control.url}/${operation}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${control.token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  } catch (err) {
    return {
      ok: false,
      code: 'NO_CLUSTER',
      message: `the cluster's control endpoint ${control.url} did not answer (${(err as Error).message})`,
    };
  }
  if (res.headers.get('content-type')?.startsWith('application/json')) return (await res.json()) as ControlOutcome;
  let outcome: ControlOutcome = {
    ok: false,
    code: 'INTERRUPTED',
    message: 'the cluster closed the control stream before the operation ended',
  };
  for await (const line of createInterface({
    input: Readable.fromWeb(res.body as import('node:stream/web').ReadableStream),
  })) {
    if (!line) continue;
    const entry = JSON.parse(line) as ControlOutcome & { progress?: string };
    if (entry.progress !== undefined) progress(entry.progress);
    else outcome = entry;
  }
  return outcome;
}
