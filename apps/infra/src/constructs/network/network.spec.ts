import { Testing } from 'cdktf';
import { Construct } from 'constructs';
import { Network, type NetworkProps } from './network';

const zones = ['us-east-1a', 'us-east-1b'];

function synth(props: Partial<NetworkProps> = {}): string {
  return Testing.synthScope((scope: Construct) => {
    new Network(scope, 'network', { name: 'test', region: 'us-east-1', availabilityZones: zones, ...props });
  });
}

function resources(synthesized: string, type: string): Record<string, Record<string, unknown>> {
  return JSON.parse(synthesized).resource?.[type] ?? {};
}

describe('Network', () => {
  it('creates a VPC with DNS hostnames on the configured range', () => {
    expect(synth({ vpcCidr: '10.20.0.0/16' })).toHaveResourceWithProperties(
      { tfResourceType: 'aws_vpc' },
      {
        cidr_block: '10.20.0.0/16',
        enable_dns_hostnames: true,
      },
    );
  });

  it('creates a public and a private subnet in each zone', () => {
    const subnets = Object.values(resources(synth(), 'aws_subnet'));
    expect(subnets.map((s) => `${s.availability_zone} ${s.cidr_block}`).sort()).toEqual([
      'us-east-1a 10.0.0.0/20',
      'us-east-1a 10.0.128.0/20',
      'us-east-1b 10.0.144.0/20',
      'us-east-1b 10.0.16.0/20',
    ]);
  });

  it('never assigns public IPs automatically', () => {
    const subnets = Object.values(resources(synth(), 'aws_subnet'));
    expect(subnets.every((s) => s.map_public_ip_on_launch === false)).toBe(true);
  });

  it('creates one NAT gateway per zone by default', () => {
    expect(Object.keys(resources(synth(), 'aws_nat_gateway'))).toHaveLength(2);
  });

  it('creates a single NAT gateway when asked, shared by every private route table', () => {
    const synthesized = synth({ natGateways: 'single' });
    const nats = Object.keys(resources(synthesized, 'aws_nat_gateway'));
    expect(nats).toHaveLength(1);
    const natRoutes = Object.values(resources(synthesized, 'aws_route')).filter((r) => r.nat_gateway_id);
    expect(natRoutes).toHaveLength(2);
    expect(new Set(natRoutes.map((r) => r.nat_gateway_id)).size).toBe(1);
  });

  it.each(['s3', 'dynamodb'])('adds a %s gateway endpoint on the private route tables', (service) => {
    expect(synth()).toHaveResourceWithProperties(
      { tfResourceType: 'aws_vpc_endpoint' },
      {
        service_name: `com.amazonaws.us-east-1.${service}`,
        vpc_endpoint_type: 'Gateway',
      },
    );
  });

  it('rejects a single availability zone and shows the count', () => {
    expect(() => synth({ availabilityZones: ['us-east-1a'] })).toThrow(
      'network needs between 2 and 8 availability zones, got 1',
    );
  });
});
