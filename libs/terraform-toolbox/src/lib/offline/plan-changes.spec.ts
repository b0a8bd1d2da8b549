import { formatPlannedChanges, plannedChanges } from './plan-changes';

const stack = {
  resource: {
    aws_vpc: { network_vpc_1: { '//': { metadata: { path: 'ha-uploads-dev/network/vpc' } } } },
    aws_lb: { alb_2: { '//': { metadata: { path: 'ha-uploads-dev/load-balancer/alb' } } } },
  },
  data: { aws_iam_policy_document: { doc_3: { '//': { metadata: { path: 'ha-uploads-dev/iam/doc' } } } } },
};

function change(address: string, actions: string[]) {
  const [type, name] = address.replace(/^data\./, '').split('.');
  return {
    address,
    mode: address.startsWith('data.') ? ('data' as const) : ('managed' as const),
    type,
    name,
    change: { actions },
  };
}

describe('plannedChanges', () => {
  it('ties each change to its construct and names the action', () => {
    // GIVEN
    const showJson = {
      resource_changes: [
        change('aws_vpc.network_vpc_1', ['create']),
        change('aws_lb.alb_2', ['delete', 'create']),
        change('data.aws_iam_policy_document.doc_3', ['read']),
        change('aws_eip.orphan', ['update']),
      ],
    };
    // WHEN
    const changes = plannedChanges(showJson, stack);
    // THEN
    expect(changes).toEqual([
      { address: 'aws_vpc.network_vpc_1', action: 'create', construct: 'network' },
      { address: 'aws_lb.alb_2', action: 'replace', construct: 'load-balancer' },
      { address: 'data.aws_iam_policy_document.doc_3', action: 'read', construct: 'iam' },
      { address: 'aws_eip.orphan', action: 'update', construct: '(stack)' },
    ]);
  });

  it('leaves out resources that do not change', () => {
    expect(plannedChanges({ resource_changes: [change('aws_vpc.network_vpc_1', ['no-op'])] }, stack)).toEqual([]);
  });
});

describe('formatPlannedChanges', () => {
  it('groups the addresses by construct, each with its action', () => {
    const lines = formatPlannedChanges([
      { address: 'aws_vpc.a', action: 'create', construct: 'network' },
      { address: 'aws_lb.b', action: 'replace', construct: 'load-balancer' },
      { address: 'aws_subnet.c', action: 'delete', construct: 'network' },
    ]);
    expect(lines).toEqual([
      'network (2)',
      '  + aws_vpc.a (create)',
      '  - aws_subnet.c (delete)',
      'load-balancer (1)',
      '  -/+ aws_lb.b (replace)',
    ]);
  });
});
