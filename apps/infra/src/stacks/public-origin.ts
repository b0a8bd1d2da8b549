/**
 * The origin browsers load the app from: the deployment's own DNS name when it has one (https with a certificate),
 * else the ALB's URL. The files bucket's CORS rule allows this origin only.
 */
export function publicOrigin(settings: { domainName?: string; https: boolean; loadBalancerUrl: string }): string {
  return settings.domainName
    ? `${settings.https ? 'https' : 'http'}://${settings.domainName}`
    : settings.loadBalancerUrl;
}
