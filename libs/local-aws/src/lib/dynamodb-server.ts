// Projects compile this file through the path alias, so the vendor typings must travel with it.
// eslint-disable-next-line @typescript-eslint/triple-slash-reference
/// <reference path="./vendor-modules.d.ts" />
import { mkdir } from 'node:fs/promises';
import dynalite from 'dynalite';
import { closeServer, listen } from '@ha-uploads/process';
import { endpointUrl, type RunningServer } from './local-server';

/** Settings of a local DynamoDB-compatible server. */
export interface DynamoDbServerOptions {
  readonly host: string;
  /** 0 picks a free port. */
  readonly port: number;
  /**
   * LevelDB directory that persists the tables.
   * @default - in memory, gone when the server closes
   */
  readonly path?: string;
}

/** Starts dynalite; tables are ACTIVE at once (no simulated CREATING delay). */
export async function startDynamoDbServer(options: DynamoDbServerOptions): Promise<RunningServer> {
  if (options.path) await mkdir(options.path, { recursive: true });
  const server = dynalite({ path: options.path, createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  let port: number;
  try {
    port = await listen(server, options.port, options.host);
  } catch (err) {
    // Release the LevelDB lock the store took, or a retry on another port could not open it.
    await new Promise<void>((resolve) => server.close(() => resolve()));
    throw err;
  }
  return {
    endpoint: endpointUrl(options.host, port),
    port,
    close: () => closeServer(server),
  };
}
