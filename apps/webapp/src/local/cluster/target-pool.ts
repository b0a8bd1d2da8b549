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

type TargetState = 'initial' | 'healthy' | 'unhealthy';

interface TrackedTarget extends Target {
  state: TargetState;
  streak: number;
}

/** Targets with their health; hands out healthy ones round-robin. */
export class TargetPool {
  private readonly targets: TrackedTarget[];
  private cursor = 0;

  constructor(
    targets: readonly Target[],
    private readonly thresholds: HealthThresholds,
  ) {
    this.targets = targets.map((t) => ({ ...t, state: 'initial', streak: 0 }));
  }

  /** Records one health-check result; a new target turns healthy on its first success. */
  record(id: string, ok: boolean): void {
    const target = this.targets.find((t) => t.id === id);
    if (!target) return;
    const wanted: TargetState = ok ? 'healthy' : 'unhealthy';
    if (target.state === wanted) {
      target.streak = 0;
      return;
    }
    target.streak += 1;
    const threshold = ok ? this.thresholds.healthyThreshold : this.thresholds.unhealthyThreshold;
    if (target.state === 'initial' || target.streak >= threshold) {
      target.state = wanted;
      target.streak = 0;
    }
  }

  /** Every target, for health checking. */
  all(): readonly Target[] {
    return this.targets;
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
      const target = this.targets[this.cursor];
      this.cursor = (this.cursor + 1) % this.targets.length;
      if (target.state === 'healthy') return target;
    }
    return undefined;
  }
}
