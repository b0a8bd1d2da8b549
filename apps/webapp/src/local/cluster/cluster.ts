import { setTimeout as sleep } from 'node:timers/promises';
import { findFreePort } from '@ha-uploads/process';
import { spawnInstance, type InstanceProcess } from './instance-process';
import { createLoadBalancer, type LoadBalancer, type LoadBalancerProps } from './load-balancer';

/** Where the shared backends are, for the instances to use. */
export interface SharedBackends {
  readonly s3Endpoint: string;
  readonly dynamodbEndpoint: string;
  readonly bucket: string;
  readonly table: string;
}

/** Settings of a local cluster: N instances behind the local load balancer. */
export interface ClusterProps {
  readonly instances: number;
  readonly backends: SharedBackends;
  /** Command that starts one instance, e.g. [node, --import, tsx, apps/webapp/src/main.ts]. */
  readonly instanceCommand: readonly string[];
  readonly cwd: string;
  /**
   * Environment passed to every instance (PORT, HOST, INSTANCE_ID and the backends are set per instance), e.g. the
   * upload limits. TRUST_PROXY_HOPS defaults to 1: the local balancer.
   */
  readonly env: Readonly<Record<string, string>>;
  /** @default - stickiness disabled */
  readonly stickyDurationSeconds?: number;
  /** @default 8080 */
  readonly port?: number;
  /** @default 127.0.0.1 */
  readonly host?: string;
  /** @default 60000 */
  readonly startTimeoutMs?: number;
  /** The balancer's action before forwarding (e.g. the local authenticate action). @default - none */
  readonly beforeForward?: LoadBalancerProps['beforeForward'];
}

/** A running cluster. */
export interface Cluster {
  readonly url: string;
  readonly instances: readonly InstanceProcess[];
  readonly balancer: LoadBalancer;
  stop(): Promise<void>;
}

/** Starts the instances and the balancer, and resolves once every instance passes its health check. */
export async function startCluster(props: ClusterProps): Promise<Cluster> {
  if (!Number.isInteger(props.instances) || props.instances < 1 || props.instances > 16) {
    throw new RangeError(`instances must be a whole number from 1 to 16, got ${props.instances}`);
  }
  const host = props.host ?? '127.0.0.1';
  const instances: InstanceProcess[] = [];
  for (let n = 1; n <= props.instances; n++) {
    instances.push(
      spawnInstance({
        id: `web-${n}`,
        host,
        port: await findFreePort(host),
        command: props.instanceCommand,
        cwd: props.cwd,
        env: {
          // Behind exactly one balancer, as on the fleet; the environment may say otherwise.
          TRUST_PROXY_HOPS: '1',
          ...props.env,
          EMBEDDED_BACKENDS: 'false',
          S3_ENDPOINT: props.backends.s3Endpoint,
          DYNAMODB_ENDPOINT: props.backends.dynamodbEndpoint,
          FILES_BUCKET: props.backends.bucket,
          FILES_TABLE: props.backends.table,
        },
      }),
    );
  }
  const balancer = createLoadBalancer({ targets: instances, stickyDurationSeconds: props.stickyDurationSeconds, beforeForward: props.beforeForward });
  const stop = async () => {
    await balancer.close();
    await Promise.all(instances.map((instance) => instance.stop()));
  };
  try {
    await waitUntilAllHealthy(balancer, instances, props.startTimeoutMs ?? 60_000);
    const url = await balancer.listen(props.port ?? 8080, host);
    return { url, instances, balancer, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}

async function waitUntilAllHealthy(balancer: LoadBalancer, instances: readonly InstanceProcess[], timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (balancer.healthyTargets().length < instances.length) {
    const dead = instances.find((i) => i.child.exitCode !== null || i.child.signalCode !== null);
    if (dead) throw new Error(`instance ${dead.id} exited during start-up (code ${dead.child.exitCode ?? dead.child.signalCode})`);
    if (Date.now() > deadline) throw new Error(`instances were not healthy within ${timeoutMs} ms`);
    await sleep(250);
    await balancer.checkHealth();
  }
}
