import { findFreePort } from '@ha-uploads/process';
import { AutoScalingGroup } from './auto-scaling-group';
import { spawnInstance, type InstanceProcess } from './instance-process';
import { createLoadBalancer, type LoadBalancer, type LoadBalancerProps } from './load-balancer';
import type { HealthCheckOptions } from './health-checker';
import type { HealthThresholds } from './target-pool';

/** Where the shared backends are, for the instances to use. */
export interface SharedBackends {
  readonly s3Endpoint: string;
  readonly dynamodbEndpoint: string;
  readonly bucket: string;
  readonly table: string;
}

/** Settings of a local cluster: an Auto Scaling group of N instances behind the local load balancer. */
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
  /**
   * The infra's healthCheckGracePeriodSeconds, in ms: also how long start-up, a roll or a scale-out waits for health.
   */
  readonly healthCheckGracePeriodMs: number;
  /** The infra's deregistrationDelaySeconds, in ms. */
  readonly deregistrationDelayMs: number;
  /** @default - the ALB's (TARGET_HEALTH_CHECK); tests may shorten the interval and timeout */
  readonly healthCheck?: Partial<HealthCheckOptions>;
  /** @default - the ALB's (TARGET_HEALTH_CHECK) */
  readonly thresholds?: Partial<HealthThresholds>;
  /** @default 8080 */
  readonly port?: number;
  /** @default 127.0.0.1 */
  readonly host?: string;
  /** @default - discarded */
  readonly log?: (line: string) => void;
  /**
   * Gets each line an instance writes to stdout (its JSON logs), with the instance id. @default - stdout is this
   * process's
   */
  readonly onInstanceOutput?: (id: string, line: string) => void;
  /** The balancer's action before forwarding (e.g. the local authenticate action). @default - none */
  readonly beforeForward?: LoadBalancerProps['beforeForward'];
}

/** A running cluster. */
export interface Cluster {
  readonly url: string;
  readonly group: AutoScalingGroup;
  readonly balancer: LoadBalancer;
  /** The processes launched so far, by instance id (a test kills one of them). */
  readonly processes: ReadonlyMap<string, InstanceProcess>;
  stop(): Promise<void>;
}

/** Starts the balancer and the group, and resolves once every instance passes its health check. */
export async function startCluster(props: ClusterProps): Promise<Cluster> {
  const host = props.host ?? '127.0.0.1';
  const balancer = createLoadBalancer({
    stickyDurationSeconds: props.stickyDurationSeconds,
    healthCheck: props.healthCheck,
    thresholds: props.thresholds,
    deregistrationDelayMs: props.deregistrationDelayMs,
    beforeForward: props.beforeForward,
  });
  const processes = new Map<string, InstanceProcess>();
  const group = new AutoScalingGroup({
    balancer,
    desiredCapacity: props.instances,
    healthCheckGracePeriodMs: props.healthCheckGracePeriodMs,
    log: props.log,
    launch: async (id) => {
      const instance = spawnInstance({
        id,
        host,
        port: await findFreePort(host),
        command: props.instanceCommand,
        cwd: props.cwd,
        onOutput: props.onInstanceOutput && ((line) => props.onInstanceOutput?.(id, line)),
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
      });
      processes.set(id, instance);
      return instance;
    },
  });
  const stop = async () => {
    await balancer.close();
    await group.stop();
  };
  try {
    // The balancer's port first: when it is taken, no instance has started.
    const url = await balancer.listen(props.port ?? 8080, host);
    await group.start();
    return { url, group, balancer, processes, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}
