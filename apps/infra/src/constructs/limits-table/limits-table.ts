import { DynamodbTable } from '@cdktf/provider-aws/lib/dynamodb-table';
import { LIMITS_TABLE_DEFINITION } from '@ha-uploads/config';
import { Construct } from 'constructs';
import { UniqueSuffix } from '../naming/unique-suffix';
import { tableShape } from '../table-shape/table-shape';

/** Props for {@link LimitsTable}. */
export interface LimitsTableProps {
  /** Environment name; prefixes the table name. */
  readonly environment: string;
  /**
   * Refuse deletion of the table.
   * @default false
   */
  readonly deletionProtection?: boolean;
}

/**
 * The fleet-wide abuse counters: one item per counter and window, updated atomically by every instance and
 * expired by TTL. Counters are disposable, so no point-in-time recovery.
 */
export class LimitsTable extends Construct {
  public readonly table: DynamodbTable;

  constructor(scope: Construct, id: string, props: LimitsTableProps) {
    super(scope, id);
    // DynamoDB tables have no name_prefix; a suffix fixed at first apply keeps two stacks apart.
    const suffix = new UniqueSuffix(this, 'suffix');
    this.table = new DynamodbTable(this, 'table', {
      name: `${props.environment}-limits-${suffix.value}`,
      ...tableShape(LIMITS_TABLE_DEFINITION),
      serverSideEncryption: { enabled: true },
      deletionProtectionEnabled: props.deletionProtection ?? false,
    });
  }
}
