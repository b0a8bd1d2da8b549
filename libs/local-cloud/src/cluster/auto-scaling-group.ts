import { setTimeout as sleep } from 'node:timers/promises';
import { ClusterOperationError } from './cluster-errors';
import type { LoadBalancer } from './load-balancer';
import { describeTargetHealth } from './target-health-log';

/** What the group needs of a launched instance (a real process, or a fake in unit tests). */
export interface LaunchedInstance {
  readonly id: string;
  readonly url: string;
  readonly pid: number;
  /** Resolves once the instance is gone, saying how (e.g. `signal SIGKILL`). */
  readonly exited: Promise<string>;
  /** SIGTERM, then SIGKILL after `graceMs`. */
  stop(graceMs?: number): Promise<void>;
}

/** Settings of the local stand-in for the Auto Scaling group. */
export interface AutoScalingGroupProps {
  readonly balancer: Pick<LoadBalancer, 'register' | 'deregister' | 'targetState' | 'onTargetHealth'>;
  /** Starts the instance with this (never reused) id. */
  readonly launch: (id: string) => Promise<LaunchedInstance>;
  readonly desiredCapacity: number;
  /**
   * Time after launch during which failed health checks do not get an instance replaced (the infra's
   * healthCheckGracePeriodSeconds).
   */
  readonly healthCheckGracePeriodMs: number;
  /** @default 15000 - SIGKILL a terminated instance still running after this long */
  readonly terminateTimeoutMs?: number;
  /** @default - discarded */
  readonly log?: (line: string) => void;
}

/** Lifecycle of an instance in the group (the ASG's, not the target's health). */
export type LifecycleState = 'pending' | 'in-service' | 'terminating' | 'lost';

/** What the group reports about one instance. */
export interface InstanceSummary {
  readonly id: string;
  readonly url: string;
  readonly pid: number;
  readonly lifecycle: LifecycleState;
  readonly targetHealth: string;
}

interface Member {
  readonly instance: LaunchedInstance;
  readonly launchedAt: number;
  lifecycle: LifecycleState;
  lastReason?: string;
  exitedHow?: string;
}

const SWEEP_MS = 250;

/**
 * An Auto Scaling group behind a target group, for local runs: keeps `desiredCapacity` instances, each with a new id
 * (web-1, web-2, ...); replaces an instance that dies or fails its health checks after the grace period; scales in
 * through the same drain path the ALB uses (deregister, deregistration delay, SIGTERM).
 */
export class AutoScalingGroup {
  private readonly members = new Map<string, Member>();
  private readonly log: (line: string) => void;
  private desired: number;
  private launching = 0;
  private launched = 0;
  private stopped = false;
  private activity: string | undefined;
  private readonly sweeper: NodeJS.Timeout;

  constructor(private readonly props: AutoScalingGroupProps) {
    assertCapacity(props.desiredCapacity);
    this.desired = props.desiredCapacity;
    this.log = props.log ?? (() => undefined);
    props.balancer.onTargetHealth((change) => {
      this.log(describeTargetHealth(change));
      const member = this.members.get(change.target.id);
      if (!member) return;
      if (change.reason && change.to === 'unhealthy') member.lastReason = change.reason;
      if (change.to === 'healthy' && member.lifecycle === 'pending') member.lifecycle = 'in-service';
    });
    this.sweeper = setInterval(() => this.sweep(), SWEEP_MS);
    this.sweeper.unref();
  }

  /** Launches the desired capacity and resolves once every instance is in service. */
  async start(): Promise<void> {
    this.reconcile();
    await this.waitInService(() => [...this.members.values()], this.props.healthCheckGracePeriodMs);
  }

  /** Every instance the group still tracks. */
  instances(): InstanceSummary[] {
    return [...this.members.values()].map((m) => ({
      id: m.instance.id,
      url: m.instance.url,
      pid: m.instance.pid,
      lifecycle: m.lifecycle,
      targetHealth: this.props.balancer.targetState(m.instance.id),
    }));
  }

  /** The desired capacity now. */
  get desiredCapacity(): number {
    return this.desired;
  }

  /** The operation under way (`roll`, `scale`), if any. */
  get operation(): string | undefined {
    return this.activity;
  }

  /** Runs `operation` as the group's only operation; a second one is refused. */
  async exclusively<T>(name: string, operation: () => Promise<T>): Promise<T> {
    if (this.stopped) throw new ClusterOperationError('CLUSTER_STOPPING', 'the cluster is stopping');
    if (this.activity)
      throw new ClusterOperationError(
        'OPERATION_IN_PROGRESS',
        `a ${this.activity} is already under way; wait for it to finish`,
      );
    this.activity = name;
    try {
      return await operation();
    } finally {
      this.activity = undefined;
    }
  }

  /** Sets the desired capacity: launches and waits for new instances, or drains and terminates the surplus. */
  async scaleTo(capacity: number): Promise<void> {
    assertCapacity(capacity);
    this.desired = capacity;
    const live = this.live();
    if (live.length < capacity) {
      const before = new Set(this.members.keys());
      this.reconcile();
      await this.waitInService(() => this.newerThan(before), this.props.healthCheckGracePeriodMs);
      return;
    }
    await this.trimTo(capacity, `scale in to ${capacity}`);
  }

  /** Raises the capacity by `count` for a surge; resolves with the new instances once they are in service. */
  async launchSurge(count: number): Promise<string[]> {
    const before = new Set(this.members.keys());
    this.desired += count;
    this.reconcile();
    await sleep(0);
    await this.untilLaunched();
    const fresh = () => this.newerThan(before);
    try {
      await this.waitInService(fresh, this.props.healthCheckGracePeriodMs);
    } catch (err) {
      this.desired -= count;
      await this.untilLaunched();
      await Promise.all(fresh().map((m) => this.terminate(m, 'roll back: never became healthy')));
      throw err;
    }
    return fresh().map((m) => m.instance.id);
  }

  /** Deregisters, drains and terminates these instances, lowering the capacity by as many. */
  async retire(ids: readonly string[], reason: string): Promise<void> {
    this.desired -= ids.length;
    await Promise.all(ids.map((id) => this.members.get(id)).map((m) => (m ? this.terminate(m, reason) : undefined)));
    // One of them may have been lost and replaced meanwhile: never leave more running than desired.
    await this.trimTo(this.desired, reason);
  }

  /** Stops every instance at once (the balancer is closing too). */
  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.sweeper);
    await this.untilLaunched();
    await Promise.all([...this.members.values()].map((m) => m.instance.stop(this.props.terminateTimeoutMs ?? 15_000)));
  }

  private live(): Member[] {
    return [...this.members.values()].filter((m) => m.lifecycle === 'pending' || m.lifecycle === 'in-service');
  }

  // Instances not in service go first, then the oldest, as a default termination policy would.
  private async trimTo(capacity: number, reason: string): Promise<void> {
    const live = this.live();
    const surplus = [...live]
      .sort((a, b) => rank(a) - rank(b) || a.launchedAt - b.launchedAt)
      .slice(0, Math.max(0, live.length - capacity));
    await Promise.all(surplus.map((m) => this.terminate(m, reason)));
  }

  private newerThan(before: ReadonlySet<string>): Member[] {
    return [...this.members.values()].filter((m) => !before.has(m.instance.id));
  }

  private reconcile(): void {
    if (this.stopped) return;
    for (let n = this.live().length + this.launching; n < this.desired; n++) void this.launchOne();
  }

  private async launchOne(): Promise<void> {
    const id = `web-${++this.launched}`;
    this.launching += 1;
    try {
      const instance = await this.props.launch(id);
      const member: Member = { instance, launchedAt: Date.now(), lifecycle: 'pending' };
      this.members.set(id, member);
      this.log(`launched ${id} ${instance.url} pid ${instance.pid}`);
      this.props.balancer.register({ id, url: instance.url });
      void instance.exited.then((how) => this.onExit(member, how));
    } catch (err) {
      this.log(`could not launch ${id}: ${(err as Error).message}`);
    } finally {
      this.launching -= 1;
    }
  }

  private onExit(member: Member, how: string): void {
    if (member.lifecycle === 'terminating') return;
    member.lifecycle = 'lost';
    member.exitedHow = how;
    if (this.stopped) return;
    // The target stays registered: the ALB keeps sending it requests until its health checks fail.
    this.log(
      `${member.instance.id} (pid ${member.instance.pid}) exited unexpectedly (${how}); launching a replacement`,
    );
    this.reconcile();
  }

  private sweep(): void {
    if (this.stopped) return;
    const now = Date.now();
    for (const member of this.members.values()) {
      const { id } = member.instance;
      const health = this.props.balancer.targetState(id);
      if (member.lifecycle === 'lost' && (health === 'unhealthy' || health === 'unused')) {
        this.members.delete(id);
        if (health === 'unhealthy') void this.props.balancer.deregister(id);
      } else if (
        member.lifecycle !== 'terminating' &&
        member.lifecycle !== 'lost' &&
        health === 'unhealthy' &&
        now - member.launchedAt >= this.props.healthCheckGracePeriodMs
      ) {
        this.log(`${id} failed its health checks (${member.lastReason ?? 'unhealthy'}); replacing it`);
        void this.terminate(member, 'unhealthy').then(() => this.reconcile());
        this.reconcile();
      }
    }
  }

  private async terminate(member: Member, reason: string): Promise<void> {
    if (member.lifecycle === 'terminating') return;
    const wasLost = member.lifecycle === 'lost';
    member.lifecycle = 'terminating';
    const { id } = member.instance;
    this.log(`${id}: deregistering (${reason}) and draining`);
    const cut = await this.props.balancer.deregister(id);
    this.log(`${id}: drained${cut > 0 ? `, ${cut} requests still in flight were cut` : ''}; sending SIGTERM`);
    if (!wasLost) await member.instance.stop(this.props.terminateTimeoutMs ?? 15_000);
    this.members.delete(id);
    this.log(`${id}: terminated`);
  }

  private async untilLaunched(): Promise<void> {
    while (this.launching > 0) await sleep(20);
  }

  private async waitInService(members: () => Member[], timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    await this.untilLaunched();
    for (;;) {
      const waiting = members().filter((m) => m.lifecycle !== 'in-service');
      if (waiting.length === 0) return;
      const lost = waiting.find((m) => m.lifecycle === 'lost');
      if (lost)
        throw new ClusterOperationError(
          'INSTANCE_NEVER_HEALTHY',
          `${lost.instance.id} exited during start-up (${lost.exitedHow})`,
        );
      if (this.stopped) throw new ClusterOperationError('CLUSTER_STOPPING', 'the cluster is stopping');
      if (Date.now() > deadline) {
        const m = waiting[0];
        const state = this.props.balancer.targetState(m.instance.id);
        throw new ClusterOperationError(
          'INSTANCE_NEVER_HEALTHY',
          `${m.instance.id} did not pass its health checks within the ${Math.round(timeoutMs / 1000)} s grace period (target ${state}${m.lastReason ? `: ${m.lastReason}` : ''})`,
        );
      }
      await sleep(50);
    }
  }
}

function rank(member: Member): number {
  return member.lifecycle === 'in-service' ? 1 : 0;
}

function assertCapacity(capacity: number): void {
  if (!Number.isInteger(capacity) || capacity < 1 || capacity > 16) {
    throw new ClusterOperationError(
      'INVALID_REQUEST',
      `instances must be a whole number from 1 to 16, got ${capacity}`,
    );
  }
}
