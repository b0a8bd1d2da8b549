import { randomBytes } from 'node:crypto';
import { DeleteTableCommand } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { startDynamoDbServer } from '@ha-uploads/local-aws';
import { createAwsClients } from '../lib/aws-clients';
import { ensureFilesTable, ensureLimitsTable } from '../lib/ensure-resources';
import { contractAwsSettings } from './contract-aws-settings';
import { recordCommands, type RecordedCommand } from './command-recorder';

/** A DynamoDB a contract runs against: a client, and tables made with the app's own inputs for this run. */
export interface DynamoDbTarget {
  /** "local" (the stand-in) or "aws". */
  readonly name: 'local' | 'aws';
  readonly dynamodb: DynamoDBDocumentClient;
  /** Every command `dynamodb` has sent, in order. */
  readonly commands: readonly RecordedCommand[];
  /** Creates a fresh files table (filesTableInput) and resolves with its name. */
  filesTable(): Promise<string>;
  /** Creates a fresh limits table (limitsTableInput, TTL enabled) and resolves with its name. */
  limitsTable(): Promise<string>;
  /** Deletes the tables this run created and closes what it opened. */
  stop(): Promise<void>;
}

/** The local stand-in, in memory, for one test file. */
export async function localDynamoDbTarget(): Promise<DynamoDbTarget> {
  const server = await startDynamoDbServer({ host: '127.0.0.1', port: 0, ttlPassIntervalMs: 0 });
  const target = tablesOn('local', { awsRegion: 'us-east-1', dynamodbEndpoint: server.endpoint }, 'contract-');
  return { ...target, stop: () => target.stop().then(() => server.close()) };
}

/** Real DynamoDB in CONTRACT_AWS_REGION, with tables named CONTRACT_TABLE_PREFIX...; the standard credential chain. */
export async function awsDynamoDbTarget(): Promise<DynamoDbTarget> {
  const settings = contractAwsSettings();
  return tablesOn('aws', { awsRegion: settings.region }, settings.tablePrefix);
}

function tablesOn(
  name: DynamoDbTarget['name'],
  config: { awsRegion: string; dynamodbEndpoint?: string },
  prefix: string,
): DynamoDbTarget {
  const clients = createAwsClients(config);
  const commands = recordCommands(clients.dynamodb);
  const created: string[] = [];
  const run = randomBytes(4).toString('hex');
  const create = async (kind: string, ensure: (db: DynamoDBDocumentClient, table: string) => Promise<void>) => {
    const table = `${prefix}${kind}-${run}-${created.length}`;
    created.push(table);
    await ensure(clients.dynamodb, table);
    return table;
  };
  return {
    name,
    dynamodb: clients.dynamodb,
    commands,
    filesTable: () => create('files', ensureFilesTable),
    limitsTable: () => create('limits', ensureLimitsTable),
    async stop() {
      await Promise.allSettled(
        created.map((table) => clients.dynamodb.send(new DeleteTableCommand({ TableName: table }))),
      );
      clients.destroy();
    },
  };
}
