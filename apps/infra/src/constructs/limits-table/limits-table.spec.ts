import { Testing } from 'cdktf';
import { LimitsTable, type LimitsTableProps } from './limits-table';
import { synthesizedResources } from '../../testing/synthesized-resources';
import { itBehavesLikeAStackTable } from '../../testing/table-behaviours';

function synth(props: Partial<LimitsTableProps> = {}): string {
  return Testing.synthScope((scope) => {
    new LimitsTable(scope, 'limits', { environment: 'test', ...props });
  });
}

describe('LimitsTable', () => {
  it("matches the webapp's key design: a string pk", () => {
    expect(synth()).toHaveResourceWithProperties(
      { tfResourceType: 'aws_dynamodb_table' },
      { hash_key: 'pk', attribute: [{ name: 'pk', type: 'S' }] },
    );
  });

  it('expires counters by TTL on expiresAt', () => {
    expect(synth()).toHaveResourceWithProperties(
      { tfResourceType: 'aws_dynamodb_table' },
      { ttl: { attribute_name: 'expiresAt', enabled: true } },
    );
  });

  it('bills on demand and encrypts, without point-in-time recovery', () => {
    // GIVEN / WHEN
    const [table] = synthesizedResources<Record<string, unknown>>(synth(), 'aws_dynamodb_table');
    // THEN
    expect(table).toMatchObject({
      billing_mode: 'PAY_PER_REQUEST',
      server_side_encryption: { enabled: true },
      deletion_protection_enabled: false,
    });
    expect(table).not.toHaveProperty('point_in_time_recovery');
  });

  itBehavesLikeAStackTable(synth, 'test-limits-');
});
