import { BACKENDS_DEFAULTS, backendsEnvLines, parseBackendsArgs } from './backends-args';

describe('parseBackendsArgs', () => {
  it('defaults to loopback and the fixed ports', () => {
    expect(parseBackendsArgs([])).toEqual(BACKENDS_DEFAULTS);
  });

  it('takes the host and both ports from flags', () => {
    expect(parseBackendsArgs(['--host', '0.0.0.0', '--s3-port', '9000', '--dynamodb-port=9001'])).toEqual({
      host: '0.0.0.0',
      s3Port: 9000,
      dynamodbPort: 9001,
      sqsPort: BACKENDS_DEFAULTS.sqsPort,
    });
  });

  it('turns the local scanner on with --malware-scan', () => {
    expect(parseBackendsArgs(['--malware-scan', '--scan-delay-ms=0', '--sqs-port=0'])).toMatchObject({
      sqsPort: 0,
      malwareScan: { unscannable: 'block', delayMs: 0 },
    });
  });

  it('rejects a port that is not a number, showing the value', () => {
    expect(() => parseBackendsArgs(['--s3-port', 'abc'])).toThrow(
      '--s3-port must be a whole number from 0 to 65535, got "abc"',
    );
  });

  it('rejects a port above 65535', () => {
    expect(() => parseBackendsArgs(['--dynamodb-port', '70000'])).toThrow(
      '--dynamodb-port must be a whole number from 0 to 65535, got "70000"',
    );
  });

  it('rejects an unknown flag', () => {
    expect(() => parseBackendsArgs(['--verbose'])).toThrow(/verbose/);
  });
});

describe('backendsEnvLines', () => {
  it('prints one export per variable a webapp instance needs', () => {
    expect(
      backendsEnvLines({
        s3Endpoint: 'http://127.0.0.1:4569',
        dynamodbEndpoint: 'http://127.0.0.1:4567',
        bucket: 'b-1',
        table: 't-1',
      }),
    ).toEqual([
      'export S3_ENDPOINT=http://127.0.0.1:4569',
      'export DYNAMODB_ENDPOINT=http://127.0.0.1:4567',
      'export FILES_BUCKET=b-1',
      'export FILES_TABLE=t-1',
    ]);
  });

  it('adds the scanning variables when scanning', () => {
    const lines = backendsEnvLines({
      s3Endpoint: 'http://127.0.0.1:4569',
      dynamodbEndpoint: 'http://127.0.0.1:4567',
      bucket: 'b-1',
      table: 't-1',
      scanEnv: { MALWARE_SCAN: 'on', SQS_ENDPOINT: 'http://127.0.0.1:4571' },
    });
    expect(lines.slice(4)).toEqual(['export MALWARE_SCAN=on', 'export SQS_ENDPOINT=http://127.0.0.1:4571']);
  });
});
