import { readFile } from 'node:fs/promises';
import { hostname } from 'node:os';

/** The link-local IMDS address; only contacted when the machine says it is EC2 or an endpoint is configured. */
export const DEFAULT_IMDS_ENDPOINT = 'http://169.254.169.254';

const IMDS_TIMEOUT_MS = 1_000;
const DMI_FILES = ['/sys/devices/virtual/dmi/id/sys_vendor', '/sys/devices/virtual/dmi/id/board_asset_tag'];

/** What resolveInstanceId reads; injectable so tests never touch the real machine or network. */
export interface InstanceIdentitySources {
  readonly readFile?: (path: string) => Promise<string>;
  readonly hostname?: () => string;
  readonly fetch?: typeof fetch;
  /** Told why IMDS was skipped or failed. @default - ignored */
  readonly warn?: (message: string, err?: unknown) => void;
}

/**
 * The id shown in X-Served-By: INSTANCE_ID if set; on EC2 (or with IMDS_ENDPOINT) "i-abc (us-east-1a)" via IMDSv2;
 * otherwise the hostname. Never probes the network unless one of those says to.
 */
export async function resolveInstanceId(
  config: { readonly instanceId?: string; readonly imdsEndpoint?: string },
  sources: InstanceIdentitySources = {},
): Promise<string> {
  if (config.instanceId) return config.instanceId;
  const host = (sources.hostname ?? hostname)();
  const endpoint = config.imdsEndpoint ?? ((await looksLikeEc2(sources.readFile)) ? DEFAULT_IMDS_ENDPOINT : undefined);
  if (!endpoint) return host;
  try {
    return await readFromImds(endpoint, sources.fetch ?? fetch);
  } catch (err) {
    sources.warn?.(`IMDS at ${endpoint} did not answer; using the hostname`, err);
    return host;
  }
}

/** Whether DMI data names EC2 (sys_vendor "Amazon EC2", or an instance id as the board asset tag). */
export async function looksLikeEc2(
  read: (path: string) => Promise<string> = (p) => readFile(p, 'utf8'),
): Promise<boolean> {
  for (const path of DMI_FILES) {
    const value = await read(path).then(
      (v) => v.trim(),
      () => '',
    );
    if (/^Amazon EC2$/i.test(value) || /^i-[0-9a-f]{8,17}$/.test(value)) return true;
  }
  return false;
}

// IMDSv2: PUT for a session token first (our instances disable IMDSv1), then GET with it.
async function readFromImds(endpoint: string, fetchFn: typeof fetch): Promise<string> {
  const base = endpoint.replace(/\/+$/, '');
  const tokenResponse = await fetchFn(`${base}/latest/api/token`, {
    method: 'PUT',
    headers: { 'X-aws-ec2-metadata-token-ttl-seconds': '60' },
    signal: AbortSignal.timeout(IMDS_TIMEOUT_MS),
  });
  if (!tokenResponse.ok) throw new Error(`IMDS token request answered ${tokenResponse.status}`);
  const token = await tokenResponse.text();
  const read = async (path: string) => {
    const response = await fetchFn(`${base}/latest/meta-data/${path}`, {
      headers: { 'X-aws-ec2-metadata-token': token },
      signal: AbortSignal.timeout(IMDS_TIMEOUT_MS),
    });
    if (!response.ok) throw new Error(`IMDS ${path} answered ${response.status}`);
    return (await response.text()).trim();
  };
  const [instanceId, zone] = await Promise.all([read('instance-id'), read('placement/availability-zone')]);
  return `${instanceId} (${zone})`;
}
