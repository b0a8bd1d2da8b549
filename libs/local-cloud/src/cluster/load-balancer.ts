import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { closeServer, listen } from '@ha-uploads/process';
import { createProxyServer } from 'http-proxy-3';
import { assertStickinessDuration, DEPLOYMENT_DEFAULTS, TARGET_HEALTH_CHECK } from '@ha-uploads/config';
import { deregisterTarget } from './deregistration';
import { setForwardedHeaders } from './forwarded-headers';
import { startHealthChecks, type HealthCheckOptions } from './health-checker';
import { readStickyTarget, stickyCookieHeader } from './sticky-cookie';
import {
  TargetPool,
  type HealthThresholds,
  type Target,
  type TargetHealthChange,
  type TargetState,
} from './target-pool';

/** Settings of the local stand-in for the ALB. */
export interface LoadBalancerProps {
  /** @default - none: targets are registered later (the Auto Scaling group does) */
  readonly targets?: readonly Target[];
  /**
   * Cookie stickiness duration; pins each client to one target, like the ALB's `lb_cookie`.
   * @default - stickiness disabled: plain round-robin
   */
  readonly stickyDurationSeconds?: number;
  /** @default - the ALB's: TARGET_HEALTH_CHECK from libs/config (/healthz every 5 s, 3 s timeout) */
  readonly healthCheck?: Partial<HealthCheckOptions>;
  /** @default - the ALB's: TARGET_HEALTH_CHECK's thresholds (2 successes in, 2 failures out) */
  readonly thresholds?: Partial<HealthThresholds>;
  /**
   * A listener rule's action before forwarding (the ALB's authenticate action); resolves true when it answered the
   * request itself (a sign-in redirect), false to forward it (with the headers it set).
   * @default - every request is forwarded as is
   */
  readonly beforeForward?: (req: IncomingMessage, res: ServerResponse) => Promise<boolean>;
  /**
   * How long a deregistered target may finish its in-flight requests. @default - the infra's default
   * deregistrationDelaySeconds
   */
  readonly deregistrationDelayMs?: number;
}

/** A running local load balancer. */
export interface LoadBalancer {
  readonly server: Server;
  /** Starts listening; resolves with the balancer's base URL. */
  listen(port: number, host?: string): Promise<string>;
  /** Runs one round of health checks now. */
  checkHealth(): Promise<void>;
  /** The targets now in rotation. */
  healthyTargets(): Target[];
  /** Adds a target in the `initial` state. */
  register(target: Target): void;
  /** Drains a target for the deregistration delay, then removes it; resolves with the requests cut. */
  deregister(id: string): Promise<number>;
  /** The target's health as the ALB would report it. */
  targetState(id: string): TargetState;
  /** Calls `listener` on every target health change. */
  onTargetHealth(listener: (change: TargetHealthChange) => void): void;
  close(): Promise<void>;
}

/**
 * An ALB-like balancer for local runs: round-robin over healthy targets, health checks, optional
 * cookie stickiness. Proxying is http-proxy-3's; this adds only target choice.
 */
export function createLoadBalancer(props: LoadBalancerProps): LoadBalancer {
  if (props.stickyDurationSeconds !== undefined) assertStickinessDuration(props.stickyDurationSeconds);
  const pool = new TargetPool(props.targets ?? [], {
    healthyThreshold: TARGET_HEALTH_CHECK.healthyThreshold,
    unhealthyThreshold: TARGET_HEALTH_CHECK.unhealthyThreshold,
    ...props.thresholds,
  });
  const health = startHealthChecks(pool, {
    path: TARGET_HEALTH_CHECK.path,
    intervalMs: TARGET_HEALTH_CHECK.intervalSeconds * 1_000,
    timeoutMs: TARGET_HEALTH_CHECK.timeoutSeconds * 1_000,
    ...props.healthCheck,
  });
  const deregistrationDelayMs = props.deregistrationDelayMs ?? DEPLOYMENT_DEFAULTS.deregistrationDelaySeconds * 1_000;
  // Not http-proxy's xfwd, which appends to X-Forwarded-Proto too: the ALB overwrites it.
  const proxy = createProxyServer({ xfwd: false, proxyTimeout: 0 });
  // Pass the request's headers on at once, as the ALB does, so a target can answer (429, 413) before any body.
  proxy.on('proxyReq', (proxyReq) => proxyReq.flushHeaders());
  const sticky = props.stickyDurationSeconds;

  if (sticky !== undefined) {
    // Append to the target's own cookies rather than replacing them (the app sets its CSRF cookie).
    proxy.on('proxyRes', (proxyRes, req) => {
      const targetId = (req as IncomingMessage & { targetId?: string }).targetId;
      if (!targetId) return;
      const existing = proxyRes.headers['set-cookie'] ?? [];
      proxyRes.headers['set-cookie'] = [...existing, stickyCookieHeader(targetId, sticky)];
    });
  }

  const choose = (req: IncomingMessage): Target | undefined => {
    const pinned = sticky !== undefined ? readStickyTarget(req.headers.cookie) : undefined;
    return (pinned && pool.healthyById(pinned)) || pool.next();
  };

  const forward = (req: IncomingMessage, res: ServerResponse) => {
    const target = choose(req);
    if (!target) return sendError(res, 503, 'NO_HEALTHY_TARGETS', 'No healthy instance is available.');
    (req as IncomingMessage & { targetId?: string }).targetId = target.id;
    setForwardedHeaders(req);
    pool.track(target.id, res);
    proxy.web(req, res, { target: target.url }, () =>
      sendError(res, 502, 'BAD_GATEWAY', `Instance ${target.id} did not answer.`),
    );
  };
  const beforeForward = props.beforeForward;
  const server = createServer(
    beforeForward
      ? (req, res) =>
          void beforeForward(req, res).then(
            (answered) => answered || forward(req, res),
            () => sendError(res, 500, 'AUTHENTICATE_FAILED', 'The load balancer could not authenticate this request.'),
          )
      : forward,
  );

  return {
    server,
    listen: async (port, host = '127.0.0.1') => `http://${host}:${await listen(server, port, host)}`,
    checkHealth: () => health.checkNow(),
    healthyTargets: () => pool.healthy(),
    register: (target) => pool.register(target),
    deregister: (id) => deregisterTarget(pool, id, deregistrationDelayMs),
    targetState: (id) => pool.state(id),
    onTargetHealth: (listener) => pool.onChange(listener),
    close: () => {
      health.stop();
      proxy.close();
      server.closeAllConnections();
      return closeServer(server);
    },
  };
}

function sendError(res: ServerResponse, status: number, code: string, message: string): void {
  if (res.headersSent) return void res.destroy();
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify({ error: { code, message } }));
}
