import { SQSClient } from '@aws-sdk/client-sqs';
import { LOCAL_AWS_CREDENTIALS } from '@ha-uploads/config';

/** Builds the SQS client of the scan-result queue: AWS's endpoint, or a local one signed with the local key. */
export function createSqsClient(config: { readonly awsRegion: string; readonly sqsEndpoint?: string }): SQSClient {
  return new SQSClient({
    region: config.awsRegion,
    // The standard retry with backoff; a long poll that fails is retried by the drainer, not here.
    maxAttempts: 3,
    ...(config.sqsEndpoint && { endpoint: config.sqsEndpoint, credentials: LOCAL_AWS_CREDENTIALS }),
  });
}
