// Child-process entry: runs the local backends in their own process (so s3rver gets its own core rather than
// sharing the load generator's event loop) and reports their endpoints to the parent over IPC.
import { startLocalBackends } from '@ha-uploads/local-cloud';

/** The message this process sends its parent once the backends answer. */
export interface BackendsReady {
  readonly s3Endpoint: string;
  readonly dynamodbEndpoint: string;
}

async function main(): Promise<void> {
  const [dataDir, bucket, table] = process.argv.slice(2);
  if (!dataDir || !bucket || !table || !process.send) {
    throw new Error('usage: fork backends-process.ts <dataDir> <bucket> <table> (with an IPC channel)');
  }
  const backends = await startLocalBackends({ dataDir, bucket, table });
  let closing = false;
  const close = () => {
    if (closing) return;
    closing = true;
    backends.close().finally(() => process.exit(0));
  };
  process.on('SIGTERM', close);
  process.on('SIGINT', close);
  // The parent died or let go: never outlive it.
  process.on('disconnect', close);
  const ready: BackendsReady = { s3Endpoint: backends.s3Endpoint, dynamodbEndpoint: backends.dynamodbEndpoint };
  process.send(ready);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
