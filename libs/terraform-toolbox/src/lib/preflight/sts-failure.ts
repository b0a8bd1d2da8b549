/**
 * What stopped the STS call: the network (no answer), the endpoint (an answer that is no verdict), or AWS's verdict.
 */
export type StsFailureKind = 'NETWORK_UNREACHABLE' | 'ENDPOINT_FAILED' | 'CREDENTIALS_REJECTED';

/** A failed STS call, sorted, with the one line to show. */
export interface StsFailure {
  readonly kind: StsFailureKind;
  readonly message: string;
}

interface SdkError {
  readonly name?: string;
  readonly message?: string;
  readonly code?: string;
  readonly hostname?: string;
  readonly address?: string;
  readonly port?: number;
  readonly $metadata?: { readonly httpStatusCode?: number };
}

const DNS_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN']);

/**
 * Sorts a failed GetCallerIdentity: no HTTP answer means the network or the endpoint failed (a DNS error names the
 * host); a 5xx answer is the endpoint's failure; any other answer is AWS refusing the credentials.
 */
export function classifyStsFailure(err: unknown, endpoint: string, setCredentials: string): StsFailure {
  const error = (err ?? {}) as SdkError;
  const status = error.$metadata?.httpStatusCode;
  const detail = `${error.code ?? error.name ?? 'Error'}: ${(error.message ?? String(err)).split('\n')[0]}`;
  const checkNetwork = 'check the network connection and proxy, or AWS_ENDPOINT_URL_STS';
  if (status === undefined) {
    if (error.code && DNS_CODES.has(error.code)) {
      return {
        kind: 'NETWORK_UNREACHABLE',
        message: `could not look up the STS endpoint ${error.hostname ?? endpoint} (${detail}); ${checkNetwork}`,
      };
    }
    const target = error.address ? `${error.address}:${error.port ?? ''}` : endpoint;
    return {
      kind: 'NETWORK_UNREACHABLE',
      message: `could not reach the STS endpoint ${target} (${detail}); ${checkNetwork}`,
    };
  }
  if (status >= 500) {
    return {
      kind: 'ENDPOINT_FAILED',
      message: `the STS endpoint ${endpoint} failed with HTTP ${status} (${detail}); try again later, or check AWS_ENDPOINT_URL_STS`,
    };
  }
  return {
    kind: 'CREDENTIALS_REJECTED',
    message: `AWS did not accept the credentials (${error.name}: ${error.message}); refresh them or ${setCredentials}`,
  };
}
