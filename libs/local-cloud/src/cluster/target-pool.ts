import type { ServerResponse } from 'node:http';

/** One webapp instance behind the local load balancer. */
export interface Target {
  readonly id: string;
  readonly url: string;
}

/** Consecutive results that flip a target's state, like an ALB target group's thresholds. */
export interface HealthThresholds {
  readonly healthyThreshold: number;
  readonly unhealthyThreshold: number;
}

/** A target's health as the ALB reports it (`unused`: no longer registered). */
export type TargetState = 'initial' | 'healthy' | 'unhealthy' | 'draining' | 'unused';

/** One change of a target's state, with the ALB's reason code when it has one. */
export interface TargetHealthChange {
  readonly target: Target;
  readonly from: TargetState;
  readonly to: TargetState;
  /** e.g. `Target.Timeout: health check timed out after 3000 ms`. */
  readonly reason?: string;
}

/** The result of one health check: ok, or the reason it failed. */
export interface ProbeResult {
  readonly ok: boolean;
  readonly reason?: string;
}

interface TrackedTarget extends Target {
  state: TargetState;
  streak: number;
  readonly inFlight: Set<ServerResponse>;
}

/** Targets with their health and in-flight requests; hands out healthy ones round-robin. */
export class TargetPool {
  private readonly targets: TrackedTarget[] = [];
  private readonly listeners = new Set<(change: TargetHealthChange) => void>();
  private cursor = 0;

  constructor(
    targets: readonly Target[],
    private readonly thresholds: HealthThresholds,
  ) {
    for (const target of targets) this.register(target);
  }

  /** Calls `listener` on every state change. */
  onChange(listener: (change: TargetHealthChange) => void): void {
    this.listeners.add(listener);
  }

  /** Adds a target in the `initial` state: it gets no traffic until a health check passes. */
  register(target: Target): void {
    if (this.find(target.id)) throw new Error(`target ${target.id} is already registered`);
    this.targets.push({ id: target.id, url: target.url, state: 'initial', streak: 0, inFlight: new Set() });
    this.emit({ target, from: 'unused', to: 'initial', reason: 'Elb.RegistrationInProgress' });
  }

  /** Records one health-check result; a new target turns healthy on its first success. */
  record(id: string, result: ProbeResult): void {
    const target = this.find(id);
    if (!target || target.state === 'draining') return;
    const wanted: TargetState = result.ok ? 'healthy' : 'unhealthy';
    if (target.state === wanted) {
      target.streak = 0;
      return;
    }
    target.streak += 1;
    const threshold = result.ok ? this.thresholds.healthyThreshold : this.thresholds.unhealthyThreshold;
    if ((target.state === 'initial' && result.ok) || target.streak >= threshold)
      this.transition(target, wanted, result.reason);
  }

  /** Takes a target out of rotation (deregistration); its in-flight requests go on. */
  drain(id: string): void {
    const target = this.find(id);
    if (target && target.state !== 'draining') this.transition(target, 'draining', 'Target.DeregistrationInProgress');
  }

  /** Removes a target, cutting whatever is still in flight to it (as the ALB does after the deregistration delay). */
  remove(id: string): number {
    const target = this.find(id);
    if (!target) return 0;
    const cut = target.inFlight.size;
    for (const res of target.inFlight) res.destroy();
    this.targets.splice(this.targets.indexOf(target), 1);
    this.transition(target, 'unused', 'Target.NotRegistered');
    return cut;
  }

  /** Counts `res` as in flight to the target until it closes. */
  track(id: string, res: ServerResponse): void {
    const target = this.find(id);
    if (!target) return;
    target.inFlight.add(res);
    res.once('close', () => target.inFlight.delete(res));
  }

  /** Requests in flight to the target now. */
  inFlight(id: string): number {
    return this.find(id)?.inFlight.size ?? 0;
  }

  /** The target's state, `unused` when not registered. */
  state(id: string): TargetState {
    return this.find(id)?.state ?? 'unused';
  }

  /** Every registered target. */
  all(): readonly Target[] {
    return this.targets;
  }

  /** The targets the health checks probe: every one but those draining (the ALB stops checking them). */
  checked(): readonly Target[] {
    return this.targets.filter((t) => t.state !== 'draining');
  }

  /** The targets now in rotation. */
  healthy(): Target[] {
    return this.targets.filter((t) => t.state === 'healthy');
  }

  /** The healthy target with this id, if any (sticky sessions). */
  healthyById(id: string): Target | undefined {
    return this.targets.find((t) => t.id === id && t.state === 'healthy');
  }

  /** The next healthy target in round-robin order, or undefined when none is healthy. */
  next(): Target | undefined {
    for (let i = 0; i < this.targets.length; i++) {
      this.cursor = this.cursor % this.targets.length;
      const target = this.targets[this.cursor];
      this.cursor = (this.cursor + 1) % this.targets.length;
      if (target.state === 'healthy') return target;
    }
    return undefined;
  }

  private find(id: string): TrackedTarget | undefined {
    return this.targets.find((t) => t.id === id);
  }

  private transition(target: TrackedTarget, to: TargetState, reason?: string): void {
    const from = target.state;
    target.state = to;
    target.streak = 0;
    this.emit({ target: { id: target.id, url: target.url }, from, to, reason: to === 'healthy' ? undefined : reason });
  }

  private emit(change: TargetHealthChange): void {
    for (const listener of this.listeners) listener(change);
  }
}
