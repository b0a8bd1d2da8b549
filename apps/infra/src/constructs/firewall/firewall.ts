import { Wafv2WebAcl, type Wafv2WebAclRule } from '@cdktf/provider-aws/lib/wafv2-web-acl';
import { Wafv2WebAclAssociation } from '@cdktf/provider-aws/lib/wafv2-web-acl-association';
import { WAF_RATE_LIMIT_PER_5_MINUTES } from '@ha-uploads/config';
import { Construct } from 'constructs';

/**
 * Rules of the common rule set that read the request body. On this app the body is the user's file (only its first
 * 8 KB reach WAF on an ALB): SizeRestrictions_BODY would block every upload over 8 KB, and the others would block
 * an HTML, script or text file for its content. They count instead of block, so they still show in the metrics.
 */
export const COUNTED_BODY_RULES = [
  'SizeRestrictions_BODY',
  'CrossSiteScripting_BODY',
  'GenericLFI_BODY',
  'GenericRFI_BODY',
  'EC2MetaDataSSRF_BODY',
] as const;

/** The cookie-size rule: the ALB's sign-in session cookies (up to four 4 KB shards) can pass its 10 KB limit. */
export const SESSION_COOKIE_RULE = 'SizeRestrictions_Cookie_HEADER';

/** Props for {@link Firewall}. */
export interface FirewallProps {
  /** Environment name; prefixes the web ACL's name and metrics. */
  readonly environment: string;
  /** The ALB the web ACL protects. */
  readonly loadBalancerArn: string;
  /**
   * Requests one IP may make in 5 minutes before it is blocked, 10 to 2e9.
   * @default 6000
   */
  readonly rateLimitPer5Minutes?: number;
  /**
   * The ALB signs users in, so its session cookies may be large: the cookie-size rule counts instead of blocking.
   * @default false
   */
  readonly signInCookies?: boolean;
}

function visibility(metricName: string) {
  return { metricName, cloudwatchMetricsEnabled: true, sampledRequestsEnabled: true };
}

/** A regional AWS WAF web ACL on the ALB: a per-IP rate limit, then the AWS managed common rule set. */
export class Firewall extends Construct {
  public readonly webAcl: Wafv2WebAcl;
  public readonly association: Wafv2WebAclAssociation;

  constructor(scope: Construct, id: string, props: FirewallProps) {
    super(scope, id);
    const limit = props.rateLimitPer5Minutes ?? WAF_RATE_LIMIT_PER_5_MINUTES.default;
    if (
      !Number.isInteger(limit) ||
      limit < WAF_RATE_LIMIT_PER_5_MINUTES.min ||
      limit > WAF_RATE_LIMIT_PER_5_MINUTES.max
    ) {
      throw new RangeError(`waf rate limit must be between 10 and 2000000000 requests per 5 minutes, got ${limit}`);
    }
    const metric = (name: string) => `${props.environment}-${name}`;
    const rules: Wafv2WebAclRule[] = [
      {
        name: 'rate-limit-per-ip',
        priority: 0,
        action: { block: {} },
        // `statement` is untyped in the provider bindings, so its keys are Terraform's own (snake_case).
        statement: { rate_based_statement: { limit, aggregate_key_type: 'IP', evaluation_window_sec: 300 } },
        visibilityConfig: visibility(metric('rate-limit-per-ip')),
      },
      {
        name: 'aws-common-rule-set',
        priority: 1,
        overrideAction: { none: {} },
        statement: {
          managed_rule_group_statement: {
            vendor_name: 'AWS',
            name: 'AWSManagedRulesCommonRuleSet',
            rule_action_override: [...COUNTED_BODY_RULES, ...(props.signInCookies ? [SESSION_COOKIE_RULE] : [])].map(
              (name) => ({
                name,
                action_to_use: { count: {} },
              }),
            ),
          },
        },
        visibilityConfig: visibility(metric('aws-common-rule-set')),
      },
    ];
    this.webAcl = new Wafv2WebAcl(this, 'web-acl', {
      namePrefix: `${props.environment}-web-`,
      description: 'Upload service: per-IP rate limit and the AWS common rule set',
      scope: 'REGIONAL',
      defaultAction: { allow: {} },
      rule: rules,
      visibilityConfig: visibility(metric('web-acl')),
      lifecycle: { createBeforeDestroy: true },
    });
    this.association = new Wafv2WebAclAssociation(this, 'association', {
      resourceArn: props.loadBalancerArn,
      webAclArn: this.webAcl.arn,
    });
  }
}
