import { publicOrigin } from './public-origin';

const ALB_URL = 'http://web-123.us-east-1.elb.amazonaws.com';

describe('publicOrigin', () => {
  it('with a domain name and a certificate, is https on that name', () => {
    expect(publicOrigin({ domainName: 'uploads.example.com', https: true, loadBalancerUrl: ALB_URL })).toBe(
      'https://uploads.example.com',
    );
  });

  it('with a domain name and no certificate, is http on that name', () => {
    expect(publicOrigin({ domainName: 'uploads.example.com', https: false, loadBalancerUrl: ALB_URL })).toBe(
      'http://uploads.example.com',
    );
  });

  it("without a domain name, is the ALB's own URL", () => {
    expect(publicOrigin({ https: false, loadBalancerUrl: ALB_URL })).toBe(ALB_URL);
  });
});
