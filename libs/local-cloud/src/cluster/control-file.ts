import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** Where a running cluster says how to reach its control endpoint. */
export interface ControlFile {
  readonly url: string;
  readonly token: string;
  readonly pid: number;
}

/** The control file of the cluster whose data lives in `dataDir`. */
export function controlFilePath(dataDir: string): string {
  return path.join(dataDir, 'control.json');
}

/** A fresh bearer token for the control endpoint. */
export function newControlToken(): string {
  return randomBytes(24).toString('base64url');
}

/** Writes the control file, readable by this user only. */
export async function writeControlFile(dataDir: string, control: ControlFile): Promise<void> {
  await mkdir(dataDir, { recursive: true });
  await writeFile(controlFilePath(dataDir), JSON.stringify(control), { mode: 0o600 });
}

/** Removes the control file (the cluster is stopping). */
export async function removeControlFile(dataDir: string): Promise<void> {
  await rm(controlFilePath(dataDir), { force: true });
}

/** The control file, or undefined when there is none or its cluster process is gone. */
export async function readControlFile(dataDir: string): Promise<ControlFile | undefined> {
  let control: ControlFile;
  try {
    control = JSON.parse(await readFile(controlFilePath(dataDir), 'utf8')) as ControlFile;
  } catch {
    return undefined;
  }
  return processExists(control.pid) ? control : undefined;
}

function processExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
