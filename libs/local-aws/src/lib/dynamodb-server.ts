// Projects compile this file through the path alias, so the vendor typings must travel with it.
// eslint-disable-next-line @typescript-eslint/triple-slash-reference
/// <reference path="./vendor-modules.d.ts" />
import { mkdir } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import path from 'node:path';
import { closeServer, listen } from '@ha-uploads/process';
import { DynaliteLink } from './dynamodb/dynalite-link';
import { type DynaliteThread, startDynaliteThread } from './dynamodb/dynalite-thread';
import { dynamoDbFrontHandler } from './dynamodb/front-handler';
import { ReadWriteLock } from './dynamodb/read-write-lock';
import { TimeToLive } from './dynamodb/time-to-live';
import { TransactionWriter } from './dynamodb/transact-write';
import { endpointUrl, type RunningServer } from './local-server';

/** Settings of a local DynamoDB-compatible server. */
export interface DynamoDbServerOptions {
  readonly host: string;
  /** 0 picks a free port. */
  readonly port: number;
  /**
   * LevelDB directory that persists the tables (one process at a time).
   * @default - in memory, gone when the server closes
   */
  readonly path?: string;
  /**
   * How often the TTL pass looks for expired items; 0 runs none (removeExpiredItems() still does).
   * @default 60000
   */
  readonly ttlPassIntervalMs?: number;
  /**
   * How long past its expiry time an item stays readable before a TTL pass deletes it. AWS takes up to days.
   * @default 600000
   */
  readonly ttlDeletionDelayMs?: number;
}

/** A running local DynamoDB, with a hook to run its TTL pass now. */
export interface RunningDynamoDbServer extends RunningServer {
  /** Runs one TTL pass at `now`; resolves with how many expired items it deleted. */
  removeExpiredItems(now?: Date): Promise<number>;
}

/** Starts dynalite behind a front that adds transactions and TTL; tables are ACTIVE at once. */
export async function startDynamoDbServer(options: DynamoDbServerOptions): Promise<RunningDynamoDbServer> {
  if (options.path) await mkdir(options.path, { recursive: true });
  const front = createServer();
  let store: DynaliteThread | undefined;
  let dynaliteLink: DynaliteLink | undefined;
  let timer: NodeJS.Timeout | undefined;
  try {
    store = await startDynaliteThread({ path: options.path, createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
    const storePort = store.port;
    const thread = store;
    const lock = new ReadWriteLock();
    dynaliteLink = new DynaliteLink(storePort);
    const link = dynaliteLink;
    const timeToLive = await TimeToLive.load({
      link,
      lock,
      // LevelDB leaves files of other names in its directory alone.
      settingsFile: options.path && path.join(options.path, 'local-aws-ttl.json'),
      deletionDelayMs: options.ttlDeletionDelayMs ?? 600_000,
    });
    front.on('request', dynamoDbFrontHandler({ link, lock, timeToLive, transactions: new TransactionWriter(link) }));
    const port = await listen(front, options.port, options.host);
    timer = startTtlPasses(timeToLive, options.ttlPassIntervalMs ?? 60_000);
    return {
      endpoint: endpointUrl(options.host, port),
      port,
      removeExpiredItems: (now = new Date()) => timeToLive.removeExpired(now),
      close: async () => {
        clearInterval(timer);
        await closeServer(front);
        link.close();
        await thread.close();
      },
    };
  } catch (err) {
    clearInterval(timer);
    dynaliteLink?.close();
    // Release the LevelDB lock the store took, or a retry on another port could not open it.
    await Promise.all([closeQuietly(front), store?.close()]);
    throw err;
  }
}

function startTtlPasses(timeToLive: TimeToLive, intervalMs: number): NodeJS.Timeout | undefined {
  if (intervalMs === 0) return undefined;
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    // A failed pass changes nothing; the next one tries again.
    timeToLive
      .removeExpired(new Date())
      .catch(() => undefined)
      .finally(() => {
        running = false;
      });
  }, intervalMs);
  timer.unref();
  return timer;
}

function closeQuietly(server: Server): Promise<void> {
  return new Promise((resolve) => server.close(() => resolve()));
}
