import { Testing } from 'cdktf';
import { COUNTED_BODY_RULES, Firewall, type FirewallProps, SESSION_COOKIE_RULE } from './firewall';
import { synthesizedResources } from '../../testing/synthesized-resources';

const ALB = 'arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/test/abc';

function synth(props: Partial<FirewallProps> = {}): string {
  return Testing.synthScope((scope) => {
    new Firewall(scope, 'firewall', { environment: 'test', loadBalancerArn: ALB, ...props });
  });
}

type Rule = {
  name: string;
  priority: number;
  action?: unknown;
  override_action?: unknown;
  statement: Record<string, Record<string, unknown>>;
};

function webAcl(synthesized: string): { scope: string; default_action: unknown; rule: Rule[] } {
  const [acl] = synthesizedResources<{
    scope: string;
    default_action: unknown;
    rule: Rule[];
  }>(synthesized, 'aws_wafv2_web_acl');
  return acl;
}

function rule(synthesized: string, name: string): Rule {
  const found = webAcl(synthesized).rule.find((r) => r.name === name);
  if (!found) throw new Error(`no rule ${name}`);
  return found;
}

describe('Firewall', () => {
  it('is a regional web ACL that allows what no rule blocks', () => {
    expect(webAcl(synth())).toMatchObject({ scope: 'REGIONAL', default_action: { allow: {} } });
  });

  it('associates the web ACL with the load balancer', () => {
    expect(synth()).toHaveResourceWithProperties(
      { tfResourceType: 'aws_wafv2_web_acl_association' },
      { resource_arn: ALB },
    );
  });

  it('blocks an IP past 6000 requests in 5 minutes by default, before the managed rules run', () => {
    expect(rule(synth(), 'rate-limit-per-ip')).toMatchObject({
      priority: 0,
      action: { block: {} },
      statement: { rate_based_statement: { limit: 6000, aggregate_key_type: 'IP', evaluation_window_sec: 300 } },
    });
  });

  it('with a lower rate limit', () => {
    expect(rule(synth({ rateLimitPer5Minutes: 500 }), 'rate-limit-per-ip').statement.rate_based_statement.limit).toBe(
      500,
    );
  });

  it('applies the AWS managed common rule set with its own actions', () => {
    expect(rule(synth(), 'aws-common-rule-set')).toMatchObject({
      priority: 1,
      override_action: { none: {} },
      statement: { managed_rule_group_statement: { vendor_name: 'AWS', name: 'AWSManagedRulesCommonRuleSet' } },
    });
  });

  it('counts instead of blocking the body rules, so uploads over 8 KB and files of any content get through', () => {
    // GIVEN / WHEN
    const overrides = rule(synth(), 'aws-common-rule-set').statement.managed_rule_group_statement.rule_action_override;
    // THEN
    expect(overrides).toEqual(COUNTED_BODY_RULES.map((name) => ({ name, action_to_use: { count: {} } })));
    expect(COUNTED_BODY_RULES).toContain('SizeRestrictions_BODY');
  });

  it('blocks oversized cookies when nobody signs in', () => {
    const overrides = rule(synth(), 'aws-common-rule-set').statement.managed_rule_group_statement
      .rule_action_override as Array<{ name: string }>;
    expect(overrides.map((o) => o.name)).not.toContain(SESSION_COOKIE_RULE);
  });

  it("with sign-in, counts the cookie-size rule, which the ALB's session cookies can exceed", () => {
    const overrides = rule(synth({ signInCookies: true }), 'aws-common-rule-set').statement.managed_rule_group_statement
      .rule_action_override;
    expect(overrides).toContainEqual({ name: 'SizeRestrictions_Cookie_HEADER', action_to_use: { count: {} } });
  });

  it('rejects a rate limit below the 10 AWS allows and shows it', () => {
    expect(() => synth({ rateLimitPer5Minutes: 5 })).toThrow(
      'waf rate limit must be between 10 and 2000000000 requests per 5 minutes, got 5',
    );
  });
});
