import { readFile, writeFile } from 'node:fs/promises';
import { DynaliteError, type DynaliteLink } from './dynalite-link';
import { type DynamoDbReply, errorReply, type JsonObject, okReply, parseObject } from './dynamodb-reply';
import type { ReadWriteLock } from './read-write-lock';
import { pickKey, tableKeyNames } from './table-keys';

/** What a TimeToLive needs to run. */
export interface TimeToLiveProps {
  readonly link: DynaliteLink;
  /** Held shared for each deletion, so a pass never lands inside a transaction. */
  readonly lock: ReadWriteLock;
  /** JSON file that keeps the settings with the data; in memory when undefined. */
  readonly settingsFile?: string;
  /** How long past its expiry time an item stays readable before a pass deletes it. */
  readonly deletionDelayMs: number;
}

/**
 * UpdateTimeToLive, DescribeTimeToLive and the deletion pass, which dynalite lacks. As on AWS, expired items stay
 * readable until a pass removes them; a pass deletes an item only if its expiry is unchanged since it was scanned.
 */
export class TimeToLive {
  private constructor(
    private readonly props: TimeToLiveProps,
    /** Table name -> TTL attribute name, for the tables with TTL enabled. */
    private readonly enabled: Map<string, string>,
  ) {}

  /** Loads the settings kept in `props.settingsFile`, if any. */
  static async load(props: TimeToLiveProps): Promise<TimeToLive> {
    // No file yet: no table has TTL.
    const saved = props.settingsFile ? await readFile(props.settingsFile, 'utf8').catch(() => '{}') : '{}';
    const parsed = parseObject(saved);
    if (!parsed)
      throw new Error(`TTL settings in ${props.settingsFile} are not a JSON object; delete the file to reset them`);
    const entries = Object.entries(parsed).filter((entry): entry is [string, string] => typeof entry[1] === 'string');
    return new TimeToLive(props, new Map(entries));
  }

  /** Answers UpdateTimeToLive. */
  async update(request: JsonObject): Promise<DynamoDbReply> {
    const table = request['TableName'];
    const spec = request['TimeToLiveSpecification'] as JsonObject | undefined;
    const attribute = spec?.['AttributeName'];
    if (
      typeof table !== 'string' ||
      typeof attribute !== 'string' ||
      attribute.length === 0 ||
      typeof spec?.['Enabled'] !== 'boolean'
    ) {
      return errorReply(
        'ValidationException',
        'UpdateTimeToLive needs a TableName and a TimeToLiveSpecification with AttributeName and Enabled',
      );
    }
    const missing = await this.missingTable(table);
    if (missing) return missing;
    const current = this.enabled.get(table);
    if (spec['Enabled'] && current !== undefined)
      return errorReply('ValidationException', 'TimeToLive is already enabled');
    if (!spec['Enabled'] && current === undefined)
      return errorReply('ValidationException', 'TimeToLive is already disabled');
    if (!spec['Enabled'] && current !== attribute)
      return errorReply('ValidationException', `TimeToLive is enabled on ${current}, not ${attribute}`);
    if (spec['Enabled']) this.enabled.set(table, attribute);
    else this.enabled.delete(table);
    await this.save();
    return okReply({ TimeToLiveSpecification: { AttributeName: attribute, Enabled: spec['Enabled'] } });
  }

  /** Answers DescribeTimeToLive. */
  async describe(request: JsonObject): Promise<DynamoDbReply> {
    const table = request['TableName'];
    if (typeof table !== 'string') return errorReply('ValidationException', 'DescribeTimeToLive needs a TableName');
    const missing = await this.missingTable(table);
    if (missing) return missing;
    const attribute = this.enabled.get(table);
    return okReply({
      TimeToLiveDescription:
        attribute === undefined
          ? { TimeToLiveStatus: 'DISABLED' }
          : { TimeToLiveStatus: 'ENABLED', AttributeName: attribute },
    });
  }

  /** Drops the settings of a deleted table. */
  async forget(table: string): Promise<void> {
    if (this.enabled.delete(table)) await this.save();
  }

  /** Deletes the items whose TTL attribute is older than now less the deletion delay; resolves with how many. */
  async removeExpired(now: Date): Promise<number> {
    const cutoffSeconds = Math.floor((now.getTime() - this.props.deletionDelayMs) / 1000);
    let removed = 0;
    for (const [table, attribute] of this.enabled) {
      try {
        removed += await this.removeExpiredFrom(table, attribute, cutoffSeconds);
      } catch (err) {
        // A table deleted outside this front (or mid-pass) has nothing left to expire.
        if (!(err instanceof DynaliteError)) throw err;
      }
    }
    return removed;
  }

  private async removeExpiredFrom(table: string, attribute: string, cutoffSeconds: number): Promise<number> {
    const keyNames = await tableKeyNames(this.props.link, table);
    let removed = 0;
    let startKey: JsonObject | undefined;
    do {
      const page = await this.props.link.callOk('Scan', {
        TableName: table,
        // Only numbers count as expiry times, as on AWS; a string attribute never compares below a number.
        FilterExpression: '#ttl < :cutoff',
        ExpressionAttributeNames: { '#ttl': attribute },
        ExpressionAttributeValues: { ':cutoff': { N: String(cutoffSeconds) } },
        ...(startKey && { ExclusiveStartKey: startKey }),
      });
      for (const item of (page['Items'] ?? []) as JsonObject[]) {
        const reply = await this.props.lock.withShared(() =>
          this.props.link.call('DeleteItem', {
            TableName: table,
            Key: pickKey(item, keyNames),
            ConditionExpression: '#ttl = :seen',
            ExpressionAttributeNames: { '#ttl': attribute },
            ExpressionAttributeValues: { ':seen': item[attribute] },
          }),
        );
        if (reply.status === 200) removed++;
      }
      startKey = page['LastEvaluatedKey'] as JsonObject | undefined;
    } while (startKey);
    return removed;
  }

  private async missingTable(table: string): Promise<DynamoDbReply | undefined> {
    try {
      await tableKeyNames(this.props.link, table);
      return undefined;
    } catch (err) {
      if (err instanceof DynaliteError) return err.reply;
      throw err;
    }
  }

  private async save(): Promise<void> {
    if (this.props.settingsFile)
      await writeFile(this.props.settingsFile, JSON.stringify(Object.fromEntries(this.enabled)));
  }
}
