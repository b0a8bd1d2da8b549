import { Eip } from '@cdktf/provider-aws/lib/eip';
import { InternetGateway } from '@cdktf/provider-aws/lib/internet-gateway';
import { NatGateway } from '@cdktf/provider-aws/lib/nat-gateway';
import { Route } from '@cdktf/provider-aws/lib/route';
import { RouteTable } from '@cdktf/provider-aws/lib/route-table';
import { RouteTableAssociation } from '@cdktf/provider-aws/lib/route-table-association';
import { Subnet } from '@cdktf/provider-aws/lib/subnet';
import { Vpc } from '@cdktf/provider-aws/lib/vpc';
import { VpcEndpoint } from '@cdktf/provider-aws/lib/vpc-endpoint';
import type { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import { subnetCidr } from './subnet-cidr';

/** How many NAT gateways carry the private subnets' egress. */
export type NatGatewayMode = 'per-az' | 'single';

/** Props for {@link Network}. */
export interface NetworkProps {
  /** Name used in the `Name` tags. */
  readonly name: string;
  /** Region, for the gateway endpoints' service names. */
  readonly region: string;
  /** Explicit AZ names (at least 2), so planning needs no AWS lookup. */
  readonly availabilityZones: readonly string[];
  /**
   * The VPC's IPv4 range; each AZ gets a public and a private /20 (for a /16).
   * @default '10.0.0.0/16'
   */
  readonly vpcCidr?: string;
  /**
   * `per-az` keeps egress up when an AZ fails; `single` saves the cost of the extra gateways.
   * @default 'per-az'
   */
  readonly natGateways?: NatGatewayMode;
}

// Public subnets take the low blocks, private ones start half-way, so up to 8 AZs never overlap.
const SUBNET_NEW_BITS = 4;
const PRIVATE_OFFSET = 8;

/**
 * A VPC with public subnets (ALB, NAT) and private subnets (instances) across the given AZs, NAT, and S3/DynamoDB
 * gateway endpoints.
 */
export class Network extends Construct {
  public readonly vpc: Vpc;
  public readonly publicSubnets: readonly Subnet[];
  public readonly privateSubnets: readonly Subnet[];
  public readonly natGateways: readonly NatGateway[];
  public readonly privateRouteTables: readonly RouteTable[];
  public readonly s3Endpoint: VpcEndpoint;
  public readonly dynamodbEndpoint: VpcEndpoint;
  /** What private-subnet egress depends on: the NAT default routes and the gateway endpoints. */
  public readonly egressDependencies: readonly ITerraformDependable[];

  constructor(scope: Construct, id: string, props: NetworkProps) {
    super(scope, id);
    const zones = props.availabilityZones;
    if (zones.length < 2 || zones.length > PRIVATE_OFFSET) {
      throw new RangeError(`network needs between 2 and ${PRIVATE_OFFSET} availability zones, got ${zones.length}`);
    }
    const vpcCidr = props.vpcCidr ?? '10.0.0.0/16';
    const tag = (suffix: string) => ({ Name: `${props.name}-${suffix}` });

    this.vpc = new Vpc(this, 'vpc', {
      cidrBlock: vpcCidr,
      enableDnsHostnames: true,
      enableDnsSupport: true,
      tags: tag('vpc'),
    });
    const internetGateway = new InternetGateway(this, 'igw', { vpcId: this.vpc.id, tags: tag('igw') });

    const publicRouteTable = new RouteTable(this, 'public-rt', { vpcId: this.vpc.id, tags: tag('public') });
    new Route(this, 'public-default-route', {
      routeTableId: publicRouteTable.id,
      destinationCidrBlock: '0.0.0.0/0',
      gatewayId: internetGateway.id,
    });

    this.publicSubnets = zones.map((az, i) => {
      const subnet = new Subnet(this, `public-${az}`, {
        vpcId: this.vpc.id,
        availabilityZone: az,
        cidrBlock: subnetCidr(vpcCidr, SUBNET_NEW_BITS, i),
        // Nothing here needs an automatic public IP: the ALB and NAT have their own.
        mapPublicIpOnLaunch: false,
        tags: { ...tag(`public-${az}`), Tier: 'public' },
      });
      new RouteTableAssociation(this, `public-${az}-rta`, { subnetId: subnet.id, routeTableId: publicRouteTable.id });
      return subnet;
    });

    const natZones = (props.natGateways ?? 'per-az') === 'per-az' ? zones : zones.slice(0, 1);
    this.natGateways = natZones.map((az, i) => {
      const eip = new Eip(this, `nat-eip-${az}`, { domain: 'vpc', tags: tag(`nat-${az}`) });
      return new NatGateway(this, `nat-${az}`, {
        allocationId: eip.id,
        subnetId: this.publicSubnets[i].id,
        tags: tag(`nat-${az}`),
        dependsOn: [internetGateway],
      });
    });

    const privateRouteTables: RouteTable[] = [];
    const natRoutes: Route[] = [];
    this.privateSubnets = zones.map((az, i) => {
      const subnet = new Subnet(this, `private-${az}`, {
        vpcId: this.vpc.id,
        availabilityZone: az,
        cidrBlock: subnetCidr(vpcCidr, SUBNET_NEW_BITS, PRIVATE_OFFSET + i),
        mapPublicIpOnLaunch: false,
        tags: { ...tag(`private-${az}`), Tier: 'private' },
      });
      const routeTable = new RouteTable(this, `private-${az}-rt`, { vpcId: this.vpc.id, tags: tag(`private-${az}`) });
      const natRoute = new Route(this, `private-${az}-default-route`, {
        routeTableId: routeTable.id,
        destinationCidrBlock: '0.0.0.0/0',
        natGatewayId: this.natGateways[Math.min(i, this.natGateways.length - 1)].id,
      });
      natRoutes.push(natRoute);
      new RouteTableAssociation(this, `private-${az}-rta`, { subnetId: subnet.id, routeTableId: routeTable.id });
      privateRouteTables.push(routeTable);
      return subnet;
    });
    this.privateRouteTables = privateRouteTables;

    // Gateway endpoints are free and keep S3/DynamoDB traffic off the NAT gateways (which bill per GB).
    const gatewayEndpoint = (service: 's3' | 'dynamodb') =>
      new VpcEndpoint(this, `${service}-endpoint`, {
        vpcId: this.vpc.id,
        serviceName: `com.amazonaws.${props.region}.${service}`,
        vpcEndpointType: 'Gateway',
        routeTableIds: privateRouteTables.map((rt) => rt.id),
        tags: tag(`${service}-endpoint`),
      });
    this.s3Endpoint = gatewayEndpoint('s3');
    this.dynamodbEndpoint = gatewayEndpoint('dynamodb');
    this.egressDependencies = [...natRoutes, this.s3Endpoint, this.dynamodbEndpoint];
  }
}
