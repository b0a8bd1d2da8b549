import { Worker } from 'node:worker_threads';
import type dynalite from 'dynalite';

type DynaliteOptions = NonNullable<Parameters<typeof dynalite>[0]>;

/** dynalite listening on loopback from a thread of its own. */
export interface DynaliteThread {
  readonly port: number;
  /** Closes the server (and its LevelDB) and ends the thread. */
  close(): Promise<void>;
}

// Plain CommonJS, so the thread needs no TypeScript loader; dynalite's path comes from the host's resolution.
const THREAD_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const server = require(workerData.dynalitePath)(workerData.options);
server.on('error', (err) => parentPort.postMessage({ error: err.message }));
server.listen(0, '127.0.0.1', () => parentPort.postMessage({ port: server.address().port }));
parentPort.on('message', () => server.close(() => parentPort.postMessage({ closed: true })));
`;

/**
 * Starts dynalite on a worker thread: its CPU work (JSON, LevelDB, conditions) then runs beside the host's event loop
 * instead of queueing behind it, so a busy host (tests that hash hundreds of MiB) does not stall every DynamoDB call.
 */
export function startDynaliteThread(options: DynaliteOptions): Promise<DynaliteThread> {
  const worker = new Worker(THREAD_SOURCE, {
    eval: true,
    workerData: { dynalitePath: require.resolve('dynalite'), options },
  });
  return new Promise((resolve, reject) => {
    worker.once('error', reject);
    worker.once('message', (message: { port?: number; error?: string }) => {
      if (message.port === undefined) {
        void worker.terminate();
        reject(new Error(`dynalite did not start: ${message.error}`));
        return;
      }
      resolve({ port: message.port, close: () => closeThread(worker) });
    });
  });
}

async function closeThread(worker: Worker): Promise<void> {
  const closed = new Promise<void>((resolve) => worker.once('message', () => resolve()));
  worker.postMessage('close');
  await closed;
  await worker.terminate();
}
