import { LOCAL_AWS_CREDENTIALS } from '@ha-uploads/config';
import { createAwsClients } from './aws-clients';

describe('createAwsClients', () => {
  it("uses path-style addressing, the local key and the SDK's default checksums for a local S3 endpoint", async () => {
    const clients = createAwsClients({
      awsRegion: 'eu-west-1',
      s3Endpoint: 'http://127.0.0.1:4569',
      dynamodbEndpoint: 'http://127.0.0.1:4567',
    });
    try {
      const config = clients.s3.config;
      expect(config.forcePathStyle).toBe(true);
      expect(await config.requestChecksumCalculation()).toBe('WHEN_SUPPORTED');
      expect(await config.responseChecksumValidation()).toBe('WHEN_SUPPORTED');
      expect(await config.credentials()).toMatchObject(LOCAL_AWS_CREDENTIALS);
      expect(await config.region()).toBe('eu-west-1');
    } finally {
      clients.destroy();
    }
  });

  it('keeps virtual-hosted addressing for real S3', () => {
    const clients = createAwsClients({ awsRegion: 'eu-west-1' });
    try {
      expect(clients.s3.config.forcePathStyle).toBe(false);
    } finally {
      clients.destroy();
    }
  });

  it('bounds retries', async () => {
    const clients = createAwsClients({ awsRegion: 'eu-west-1' });
    try {
      expect(await clients.s3.config.maxAttempts()).toBe(3);
      expect(await clients.dynamodb.config.maxAttempts()).toBe(3);
    } finally {
      clients.destroy();
    }
  });
});
