import { classifyStsFailure } from './sts-failure';

const ENDPOINT = 'https://sts.us-east-1.amazonaws.com';
const SET = 'set AWS_PROFILE';

/** An error shaped as the SDK throws it. */
function sdkError(fields: Record<string, unknown>): Error {
  return Object.assign(new Error(String(fields.message ?? '')), fields);
}

describe('classifyStsFailure', () => {
  it('blames the network, naming the host, when DNS finds no STS endpoint', () => {
    // GIVEN
    const err = sdkError({
      code: 'ENOTFOUND',
      hostname: 'sts.us-east-1.amazonaws.com',
      message: 'getaddrinfo ENOTFOUND sts.us-east-1.amazonaws.com',
      $metadata: {},
    });
    // WHEN
    const failure = classifyStsFailure(err, ENDPOINT, SET);
    // THEN
    expect(failure).toEqual({
      kind: 'NETWORK_UNREACHABLE',
      message:
        'could not look up the STS endpoint sts.us-east-1.amazonaws.com (ENOTFOUND: getaddrinfo ENOTFOUND sts.us-east-1.amazonaws.com); ' +
        'check the network connection and proxy, or AWS_ENDPOINT_URL_STS',
    });
  });

  it('blames the network, naming the address, when the connection is refused', () => {
    const err = sdkError({
      code: 'ECONNREFUSED',
      address: '127.0.0.1',
      port: 9,
      message: 'connect ECONNREFUSED 127.0.0.1:9',
      $metadata: {},
    });
    expect(classifyStsFailure(err, 'http://127.0.0.1:9', SET).message).toBe(
      'could not reach the STS endpoint 127.0.0.1:9 (ECONNREFUSED: connect ECONNREFUSED 127.0.0.1:9); check the network connection and proxy, or AWS_ENDPOINT_URL_STS',
    );
  });

  it('blames the endpoint when it answers with a server error', () => {
    const err = sdkError({ name: 'InternalFailure', message: 'try later', $metadata: { httpStatusCode: 503 } });
    expect(classifyStsFailure(err, ENDPOINT, SET)).toEqual({
      kind: 'ENDPOINT_FAILED',
      message: `the STS endpoint ${ENDPOINT} failed with HTTP 503 (InternalFailure: try later); try again later, or check AWS_ENDPOINT_URL_STS`,
    });
  });

  it('blames the credentials only when STS answers with a refusal', () => {
    const err = sdkError({
      name: 'InvalidClientTokenId',
      message: 'The security token included in the request is invalid.',
      $metadata: { httpStatusCode: 403 },
    });
    expect(classifyStsFailure(err, ENDPOINT, SET)).toEqual({
      kind: 'CREDENTIALS_REJECTED',
      message:
        'AWS did not accept the credentials (InvalidClientTokenId: The security token included in the request is invalid.); refresh them or set AWS_PROFILE',
    });
  });
});
