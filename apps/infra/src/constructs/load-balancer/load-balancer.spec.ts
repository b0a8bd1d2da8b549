import { TARGET_HEALTH_CHECK } from '@ha-uploads/config';
import { Testing } from 'cdktf';
import { LoadBalancer, type LoadBalancerProps, MODERN_TLS_POLICY } from './load-balancer';
import { synthesizedResources } from '../../testing/synthesized-resources';

const CERT = 'arn:aws:acm:us-east-1:123456789012:certificate/abc-123';

function synth(props: Partial<LoadBalancerProps> = {}): string {
  return Testing.synthScope((scope) => {
    new LoadBalancer(scope, 'lb', {
      environment: 'test',
      region: 'us-east-1',
      vpcId: 'vpc-1',
      publicSubnetIds: ['subnet-a', 'subnet-b'],
      targetPort: 3000,
      ...props,
    });
  });
}

describe('LoadBalancer', () => {
  it('is an internet-facing ALB that drops invalid header fields', () => {
    expect(synth()).toHaveResourceWithProperties(
      { tfResourceType: 'aws_lb' },
      {
        internal: false,
        load_balancer_type: 'application',
        drop_invalid_header_fields: true,
        enable_deletion_protection: false,
        idle_timeout: 60,
      },
    );
  });

  it('with deletion protection', () => {
    expect(synth({ deletionProtection: true })).toHaveResourceWithProperties(
      { tfResourceType: 'aws_lb' },
      { enable_deletion_protection: true },
    );
  });

  it('with a custom idle timeout', () => {
    expect(synth({ idleTimeoutSeconds: 120 })).toHaveResourceWithProperties(
      { tfResourceType: 'aws_lb' },
      { idle_timeout: 120 },
    );
  });

  it('admits only the allowed CIDRs, on port 80 without a certificate', () => {
    const rules = synthesizedResources(
      synth({ allowedCidrs: ['203.0.113.0/24', '198.51.100.0/24'] }),
      'aws_vpc_security_group_ingress_rule',
    );
    expect(rules.map((r) => `${r.cidr_ipv4}:${r.from_port}-${r.to_port}`).sort()).toEqual([
      '198.51.100.0/24:80-80',
      '203.0.113.0/24:80-80',
    ]);
  });

  it('opens 443 as well with a certificate', () => {
    const rules = synthesizedResources(synth({ certificateArn: CERT }), 'aws_vpc_security_group_ingress_rule');
    expect(rules.map((r) => r.from_port).sort()).toEqual([443, 80]);
  });

  it('forwards HTTP to the target group without a certificate', () => {
    expect(synth()).toHaveResourceWithProperties(
      { tfResourceType: 'aws_lb_listener' },
      { port: 80, protocol: 'HTTP', default_action: [expect.objectContaining({ type: 'forward' })] },
    );
    expect(synthesizedResources(synth(), 'aws_lb_listener')).toHaveLength(1);
  });

  it('with a certificate, serves HTTPS with a modern TLS policy and redirects HTTP to it', () => {
    const synthesized = synth({ certificateArn: CERT });
    expect(synthesized).toHaveResourceWithProperties(
      { tfResourceType: 'aws_lb_listener' },
      {
        port: 443,
        protocol: 'HTTPS',
        ssl_policy: MODERN_TLS_POLICY,
        certificate_arn: CERT,
      },
    );
    expect(synthesized).toHaveResourceWithProperties(
      { tfResourceType: 'aws_lb_listener' },
      {
        port: 80,
        default_action: [{ type: 'redirect', redirect: { port: '443', protocol: 'HTTPS', status_code: 'HTTP_301' } }],
      },
    );
  });

  it('probes /healthz and drains for 30 seconds', () => {
    expect(synth()).toHaveResourceWithProperties(
      { tfResourceType: 'aws_lb_target_group' },
      {
        port: 3000,
        protocol: 'HTTP',
        deregistration_delay: '30',
        health_check: expect.objectContaining({ path: '/healthz', matcher: '200' }),
      },
    );
  });

  it('checks targets with the shared health-check timing: every 5 s, unhealthy after 2 failures', () => {
    expect(synth()).toHaveResourceWithProperties(
      { tfResourceType: 'aws_lb_target_group' },
      {
        health_check: expect.objectContaining({
          interval: TARGET_HEALTH_CHECK.intervalSeconds,
          timeout: TARGET_HEALTH_CHECK.timeoutSeconds,
          healthy_threshold: TARGET_HEALTH_CHECK.healthyThreshold,
          unhealthy_threshold: TARGET_HEALTH_CHECK.unhealthyThreshold,
        }),
      },
    );
    expect(TARGET_HEALTH_CHECK).toMatchObject({ intervalSeconds: 5, unhealthyThreshold: 2, timeoutSeconds: 3 });
  });

  it('without stickiness, routes by weighted random with anomaly mitigation on', () => {
    expect(synth()).toHaveResourceWithProperties(
      { tfResourceType: 'aws_lb_target_group' },
      {
        load_balancing_algorithm_type: 'weighted_random',
        load_balancing_anomaly_mitigation: 'on',
      },
    );
  });

  it('with sticky sessions, routes round robin without anomaly mitigation, which AWS does not combine with stickiness', () => {
    expect(synth({ stickySessions: true })).toHaveResourceWithProperties(
      { tfResourceType: 'aws_lb_target_group' },
      {
        load_balancing_algorithm_type: 'round_robin',
        load_balancing_anomaly_mitigation: 'off',
      },
    );
  });

  it('has stickiness off by default', () => {
    expect(synth()).toHaveResourceWithProperties(
      { tfResourceType: 'aws_lb_target_group' },
      { stickiness: { type: 'lb_cookie', enabled: false } },
    );
  });

  it('with sticky sessions, uses an lb_cookie of the given duration', () => {
    expect(synth({ stickySessions: true, stickyDurationSeconds: 3600 })).toHaveResourceWithProperties(
      { tfResourceType: 'aws_lb_target_group' },
      {
        stickiness: { type: 'lb_cookie', enabled: true, cookie_duration: 3600 },
      },
    );
  });

  it.each([0, 604_801])('rejects a stickiness duration of %d and shows it', (seconds) => {
    expect(() => synth({ stickySessions: true, stickyDurationSeconds: seconds })).toThrow(
      `stickiness duration must be between 1 and 604800 seconds, got ${seconds}`,
    );
  });

  it('writes no access logs by default', () => {
    expect(synth()).not.toHaveResource({ tfResourceType: 'aws_s3_bucket' });
  });

  it('with access logs, writes them to its own bucket that lets the regional ELB account write', () => {
    const synthesized = synth({ accessLogs: true });
    expect(synthesized).toHaveResourceWithProperties(
      { tfResourceType: 'aws_lb' },
      { access_logs: expect.objectContaining({ enabled: true, prefix: 'alb' }) },
    );
    const [policy] = synthesizedResources(synthesized, 'aws_s3_bucket_policy');
    const statements = JSON.parse(policy.policy as string).Statement;
    expect(statements[1]).toMatchObject({
      Effect: 'Allow',
      Principal: { AWS: 'arn:aws:iam::127311923021:root' },
      Action: 's3:PutObject',
    });
  });

  it('serves its URL over http without a certificate and https with one', () => {
    Testing.synthScope((scope) => {
      const base = {
        environment: 'test',
        region: 'us-east-1',
        vpcId: 'v',
        publicSubnetIds: ['a', 'b'],
        targetPort: 3000,
      };
      expect(new LoadBalancer(scope, 'plain', base).url).toMatch(/^http:\/\//);
      expect(new LoadBalancer(scope, 'tls', { ...base, certificateArn: CERT }).url).toMatch(/^https:\/\//);
    });
  });

  describe('with a sign-in action', () => {
    const signInAction = {
      type: 'authenticate-oidc',
      authenticateOidc: {
        issuer: 'https://idp.example.com',
        authorizationEndpoint: 'https://idp.example.com/authorize',
        tokenEndpoint: 'https://idp.example.com/token',
        userInfoEndpoint: 'https://idp.example.com/userinfo',
        clientId: 'ha-uploads',
        clientSecret: 'secret',
      },
    };

    function listener(synthesized: string, port: number): Record<string, unknown> {
      const found = synthesizedResources(synthesized, 'aws_lb_listener').find((l) => l.port === port);
      if (!found) throw new Error(`no listener on ${port}`);
      return found;
    }

    it('authenticates on HTTPS before it forwards', () => {
      // GIVEN / WHEN
      const [authenticate, forward] = listener(synth({ certificateArn: CERT, signInAction }), 443)
        .default_action as Array<Record<string, unknown>>;
      // THEN
      expect(authenticate).toMatchObject({
        type: 'authenticate-oidc',
        order: 1,
        authenticate_oidc: { client_id: 'ha-uploads' },
      });
      expect(forward).toMatchObject({ type: 'forward', order: 2 });
    });

    it('leaves HTTP a redirect to HTTPS, so it is no way around the sign-in', () => {
      expect(listener(synth({ certificateArn: CERT, signInAction }), 80).default_action).toEqual([
        { type: 'redirect', redirect: { port: '443', protocol: 'HTTPS', status_code: 'HTTP_301' } },
      ]);
    });

    it('lets the ALB reach the identity provider over HTTPS', () => {
      expect(synth({ certificateArn: CERT, signInAction })).toHaveResourceWithProperties(
        { tfResourceType: 'aws_vpc_security_group_egress_rule' },
        {
          cidr_ipv4: '0.0.0.0/0',
          from_port: 443,
          to_port: 443,
        },
      );
    });

    it('refuses sign-in without a certificate', () => {
      expect(() => synth({ signInAction })).toThrow(
        'sign-in needs an HTTPS listener, since the ALB authenticates only on HTTPS: set certificateArn, got nothing',
      );
    });
  });

  it('without a sign-in action, opens no egress to the internet', () => {
    expect(synthesizedResources(synth({ certificateArn: CERT }), 'aws_vpc_security_group_egress_rule')).toEqual([]);
  });

  it('lets a target in with an egress rule in its own group, on the given port only', () => {
    // GIVEN / WHEN
    const synthesized = Testing.synthScope((scope) => {
      const lb = new LoadBalancer(scope, 'lb', {
        environment: 'test',
        region: 'us-east-1',
        vpcId: 'vpc-1',
        publicSubnetIds: ['subnet-a', 'subnet-b'],
        targetPort: 3000,
      });
      lb.allowTo({ id: 'to-fleet', securityGroupId: 'sg-fleet' }, 3000, 'load balancer to the web instances');
    });
    // THEN
    expect(synthesizedResources(synthesized, 'aws_vpc_security_group_egress_rule')).toEqual([
      {
        security_group_id: expect.stringMatching(/^\$\{aws_security_group\.lb_sg_\w+\.id\}$/),
        referenced_security_group_id: 'sg-fleet',
        ip_protocol: 'tcp',
        from_port: 3000,
        to_port: 3000,
        description: 'load balancer to the web instances',
      },
    ]);
  });
});
