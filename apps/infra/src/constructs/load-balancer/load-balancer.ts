import { Lb } from '@cdktf/provider-aws/lib/lb';
import { LbListener, type LbListenerDefaultAction } from '@cdktf/provider-aws/lib/lb-listener';
import { LbTargetGroup } from '@cdktf/provider-aws/lib/lb-target-group';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { VpcSecurityGroupEgressRule } from '@cdktf/provider-aws/lib/vpc-security-group-egress-rule';
import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule';
import { STICKINESS_DURATION_SECONDS, TARGET_HEALTH_CHECK, assertStickinessDuration } from '@ha-uploads/config';
import { Construct } from 'constructs';
import { shortNamePrefix } from '../naming/unique-suffix';
import { SecureBucket } from '../secure-bucket/secure-bucket';
import { elbLogDeliveryStatement } from './elb-log-delivery';
import { routingAlgorithm } from './routing-algorithm';

/** TLS 1.3 and 1.2 with forward-secret ciphers only. */
export const MODERN_TLS_POLICY = 'ELBSecurityPolicy-TLS13-1-2-2021-06';

const ACCESS_LOG_PREFIX = 'alb';

/** Props for {@link LoadBalancer}. */
export interface LoadBalancerProps {
  /** Environment name; prefixes generated names and `Name` tags. */
  readonly environment: string;
  /** Region, to pick the ALB log-delivery principal. */
  readonly region: string;
  readonly vpcId: string;
  /** Public subnets, one per AZ, at least two. */
  readonly publicSubnetIds: readonly string[];
  /** Port the instances serve HTTP on. */
  readonly targetPort: number;
  /**
   * Source ranges allowed to reach the listeners.
   * @default ['0.0.0.0/0']
   */
  readonly allowedCidrs?: readonly string[];
  /**
   * ACM certificate; when set, an HTTPS listener is added and HTTP redirects to it.
   * @default - HTTP only
   */
  readonly certificateArn?: string;
  /**
   * TLS policy of the HTTPS listener.
   * @default MODERN_TLS_POLICY
   */
  readonly sslPolicy?: string;
  /**
   * Refuse `terraform destroy` of the ALB.
   * @default false
   */
  readonly deletionProtection?: boolean;
  /**
   * Seconds an idle connection stays open; the webapp's keep-alive timeout must exceed it.
   * @default 60
   */
  readonly idleTimeoutSeconds?: number;
  /**
   * Write access logs to a dedicated bucket.
   * @default false
   */
  readonly accessLogs?: boolean;
  /**
   * Seconds the ALB drains a deregistering instance; the webapp's graceful shutdown covers it.
   * @default 30
   */
  readonly deregistrationDelaySeconds?: number;
  /**
   * Pin each client to one instance with an `lb_cookie`. The webapp is stateless and does not need it.
   * @default false - stickiness disabled
   */
  readonly stickySessions?: boolean;
  /**
   * Lifetime of the stickiness cookie, 1 s to 7 days.
   * @default 86400
   */
  readonly stickyDurationSeconds?: number;
  /**
   * An `authenticate-cognito` or `authenticate-oidc` action the HTTPS listener runs before it forwards; needs
   * `certificateArn`, since the ALB authenticates only on HTTPS (HTTP then only redirects).
   * @default - no sign-in: the listener forwards every request
   */
  readonly signInAction?: LbListenerDefaultAction;
}

/** A security group the balancer forwards to, e.g. the web fleet's. */
export interface LoadBalancerTarget {
  /** Construct id of the rule that lets the balancer reach it; a public contract, as every construct id. */
  readonly id: string;
  readonly securityGroupId: string;
}

/**
 * An internet-facing ALB with its security group, listeners and the webapp's target group. It alone writes its
 * group's rules; a target is let in with {@link LoadBalancer.allowTo}.
 */
export class LoadBalancer extends Construct {
  public readonly securityGroup: SecurityGroup;
  public readonly alb: Lb;
  public readonly targetGroup: LbTargetGroup;
  public readonly httpListener: LbListener;
  /** Present only with a certificate. */
  public readonly httpsListener?: LbListener;
  /** Present only with access logs on. */
  public readonly accessLogsBucket?: SecureBucket;
  /** The URL clients use: https with a certificate, http otherwise. */
  public readonly url: string;

  constructor(scope: Construct, id: string, props: LoadBalancerProps) {
    super(scope, id);
    const stickyDurationSeconds = props.stickyDurationSeconds ?? STICKINESS_DURATION_SECONDS.default;
    assertStickinessDuration(stickyDurationSeconds);
    if (props.publicSubnetIds.length < 2) {
      throw new RangeError(`load balancer needs at least 2 public subnets, got ${props.publicSubnetIds.length}`);
    }
    const allowedCidrs = props.allowedCidrs ?? ['0.0.0.0/0'];
    const https = props.certificateArn !== undefined;
    if (props.signInAction && !https) {
      throw new Error(
        `sign-in needs an HTTPS listener, since the ALB authenticates only on HTTPS: set certificateArn, got nothing`,
      );
    }
    const namePrefix = shortNamePrefix(props.environment);

    this.securityGroup = new SecurityGroup(this, 'sg', {
      namePrefix: `${props.environment}-alb-`,
      description: 'Load balancer: listeners from allowed CIDRs',
      vpcId: props.vpcId,
      tags: { Name: `${props.environment}-alb` },
      lifecycle: { createBeforeDestroy: true },
    });
    // 443 opens only when a listener serves it.
    const ports = https ? [80, 443] : [80];
    for (const port of ports) {
      allowedCidrs.forEach((cidr, i) => {
        new VpcSecurityGroupIngressRule(this, `ingress-${port}-${i}`, {
          securityGroupId: this.securityGroup.id,
          cidrIpv4: cidr,
          ipProtocol: 'tcp',
          fromPort: port,
          toPort: port,
          description: `listener ${port} from ${cidr}`,
        });
      });
    }

    if (props.signInAction) {
      // The ALB itself redeems the code at the IdP's token and user-info endpoints.
      new VpcSecurityGroupEgressRule(this, 'to-identity-provider', {
        securityGroupId: this.securityGroup.id,
        cidrIpv4: '0.0.0.0/0',
        ipProtocol: 'tcp',
        fromPort: 443,
        toPort: 443,
        description: 'HTTPS to the identity provider',
      });
    }

    if (props.accessLogs) {
      const bucket = new SecureBucket(this, 'access-logs', {
        bucketPrefix: `${props.environment}-alb-logs-`,
        encryption: 'AES256',
      });
      bucket.addToPolicy(elbLogDeliveryStatement(props.region, bucket.bucket.arn, ACCESS_LOG_PREFIX));
      this.accessLogsBucket = bucket;
    }

    this.alb = new Lb(this, 'alb', {
      namePrefix,
      loadBalancerType: 'application',
      internal: false,
      securityGroups: [this.securityGroup.id],
      subnets: [...props.publicSubnetIds],
      dropInvalidHeaderFields: true,
      enableDeletionProtection: props.deletionProtection ?? false,
      idleTimeout: props.idleTimeoutSeconds ?? 60,
      accessLogs: this.accessLogsBucket
        ? { bucket: this.accessLogsBucket.bucket.id, prefix: ACCESS_LOG_PREFIX, enabled: true }
        : undefined,
      dependsOn: this.accessLogsBucket ? [this.accessLogsBucket.policy] : undefined,
      tags: { Name: `${props.environment}-alb` },
    });

    this.targetGroup = new LbTargetGroup(this, 'web', {
      namePrefix,
      port: props.targetPort,
      protocol: 'HTTP',
      targetType: 'instance',
      vpcId: props.vpcId,
      deregistrationDelay: String(props.deregistrationDelaySeconds ?? 30),
      // The local load balancer reads the same definition, so local tests see the production detection window.
      healthCheck: {
        enabled: true,
        path: TARGET_HEALTH_CHECK.path,
        protocol: 'HTTP',
        matcher: TARGET_HEALTH_CHECK.matcher,
        interval: TARGET_HEALTH_CHECK.intervalSeconds,
        timeout: TARGET_HEALTH_CHECK.timeoutSeconds,
        healthyThreshold: TARGET_HEALTH_CHECK.healthyThreshold,
        unhealthyThreshold: TARGET_HEALTH_CHECK.unhealthyThreshold,
      },
      ...routingAlgorithm(props.stickySessions ?? false),
      stickiness: props.stickySessions
        ? { type: 'lb_cookie', enabled: true, cookieDuration: stickyDurationSeconds }
        : { type: 'lb_cookie', enabled: false },
      // The listener points at the group, so a replacement must exist before the old one goes.
      lifecycle: { createBeforeDestroy: true },
      tags: { Name: `${props.environment}-web` },
    });

    const forward = [{ type: 'forward', targetGroupArn: this.targetGroup.arn }];
    this.httpListener = new LbListener(this, 'http', {
      loadBalancerArn: this.alb.arn,
      port: 80,
      protocol: 'HTTP',
      defaultAction: https
        ? [{ type: 'redirect', redirect: { port: '443', protocol: 'HTTPS', statusCode: 'HTTP_301' } }]
        : forward,
    });
    if (https) {
      this.httpsListener = new LbListener(this, 'https', {
        loadBalancerArn: this.alb.arn,
        port: 443,
        protocol: 'HTTPS',
        sslPolicy: props.sslPolicy ?? MODERN_TLS_POLICY,
        certificateArn: props.certificateArn,
        defaultAction: props.signInAction
          ? [
              { ...props.signInAction, order: 1 },
              { ...forward[0], order: 2 },
            ]
          : forward,
      });
    }
    this.url = `${https ? 'https' : 'http'}://${this.alb.dnsName}`;
  }

  /**
   * Lets the balancer reach `target` on `port` with an egress rule in its own group, as aws-cdk's
   * `connections.allowTo`; the target admits the balancer in its own group.
   */
  public allowTo(target: LoadBalancerTarget, port: number, description: string): VpcSecurityGroupEgressRule {
    return new VpcSecurityGroupEgressRule(this, target.id, {
      securityGroupId: this.securityGroup.id,
      referencedSecurityGroupId: target.securityGroupId,
      ipProtocol: 'tcp',
      fromPort: port,
      toPort: port,
      description,
    });
  }
}
