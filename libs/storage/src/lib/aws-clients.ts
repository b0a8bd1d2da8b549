import http from 'node:http';
import https from 'node:https';
import { S3Client } from '@aws-sdk/client-s3';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { LOCAL_AWS_CREDENTIALS, type WebappConfig } from '@ha-uploads/config';

/** The SDK clients the storage adapters share; one set per process. */
export interface AwsClients {
  readonly s3: S3Client;
  readonly dynamodb: DynamoDBDocumentClient;
  /** Closes the keep-alive sockets (shutdown, tests). */
  destroy(): void;
}

/** The settings createAwsClients reads; a WebappConfig satisfies it. */
export type AwsClientsConfig = Pick<WebappConfig, 'awsRegion' | 's3Endpoint' | 'dynamodbEndpoint'>;

/** Enough sockets for a queue of multipart parts per upload times many concurrent uploads. */
const MAX_SOCKETS = 64;
/** A backend that is down must fail a request in seconds, not hang it. */
const CONNECTION_TIMEOUT_MS = 2_000;
/** DynamoDB answers small requests in milliseconds; anything longer is a sick backend. */
const DYNAMODB_REQUEST_TIMEOUT_MS = 5_000;
/** S3 sockets may sit idle while a slow client drains a download (backpressure); bound it generously. */
const S3_SOCKET_TIMEOUT_MS = 120_000;
/** The SDK's standard retry with backoff; 3 attempts keeps a dead backend's failure under a few seconds. */
const MAX_ATTEMPTS = 3;

function keepAliveHandler(timeouts: { requestTimeout?: number; socketTimeout?: number }): NodeHttpHandler {
  const agentOptions = { keepAlive: true, maxSockets: MAX_SOCKETS };
  return new NodeHttpHandler({
    httpAgent: new http.Agent(agentOptions),
    httpsAgent: new https.Agent(agentOptions),
    connectionTimeout: CONNECTION_TIMEOUT_MS,
    throwOnRequestTimeout: timeouts.requestTimeout !== undefined,
    ...timeouts,
  });
}

/** Builds the S3 and DynamoDB clients: keep-alive sockets, bounded retries and timeouts, local endpoints' key. */
export function createAwsClients(config: AwsClientsConfig): AwsClients {
  const s3 = new S3Client({
    region: config.awsRegion,
    maxAttempts: MAX_ATTEMPTS,
    requestHandler: keepAliveHandler({ socketTimeout: S3_SOCKET_TIMEOUT_MS }),
    ...(config.s3Endpoint && {
      endpoint: config.s3Endpoint,
      // A local endpoint has no per-bucket DNS names; the local S3 signs and checks like AWS otherwise.
      forcePathStyle: true,
      credentials: LOCAL_AWS_CREDENTIALS,
    }),
  });
  const dynamodbBase = new DynamoDBClient({
    region: config.awsRegion,
    maxAttempts: MAX_ATTEMPTS,
    requestHandler: keepAliveHandler({ requestTimeout: DYNAMODB_REQUEST_TIMEOUT_MS }),
    ...(config.dynamodbEndpoint && { endpoint: config.dynamodbEndpoint, credentials: LOCAL_AWS_CREDENTIALS }),
  });
  const dynamodb = DynamoDBDocumentClient.from(dynamodbBase, {
    marshallOptions: { removeUndefinedValues: true },
  });
  return {
    s3,
    dynamodb,
    destroy() {
      s3.destroy();
      dynamodb.destroy();
      dynamodbBase.destroy();
    },
  };
}
