import { createServer } from 'node:http';
import { LOCAL_AWS_CREDENTIALS, LOCAL_SCANNER_CREDENTIALS } from '@ha-uploads/config';
import { closeServer, listen } from '@ha-uploads/process';
import { endpointUrl, type RunningServer } from './local-server';
import { QueueRegistry } from './sqs/queue-registry';
import { sqsRequestHandler } from './sqs/sqs-handler';

/** Settings of the local SQS server. */
export interface SqsServerOptions {
  readonly host: string;
  /** 0 picks a free port. */
  readonly port: number;
  /** Reports a failure that is the server's fault (answered as InternalFailure). @default - ignored */
  readonly onInternalError?: (err: unknown) => void;
}

/** Starts the local SQS: standard queues in memory, SigV4-verified, the AWS JSON 1.0 protocol. */
export async function startSqsServer(options: SqsServerOptions): Promise<RunningServer> {
  let endpoint = '';
  const queues = new QueueRegistry(() => endpoint);
  const server = createServer(
    sqsRequestHandler({
      queues,
      credentials: [LOCAL_AWS_CREDENTIALS, LOCAL_SCANNER_CREDENTIALS],
      onInternalError: options.onInternalError,
    }),
  );
  const port = await listen(server, options.port, options.host);
  endpoint = endpointUrl(options.host, port);
  return {
    endpoint,
    port,
    async close() {
      queues.close();
      await closeServer(server);
    },
  };
}
