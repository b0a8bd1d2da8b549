import { GetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { CatalogEntry } from '@ha-uploads/files';
import { callBackend } from './backend-errors';
import { type ShardPlacement, entryFromItem, placementOfItem } from './catalog-item';
import { type LayoutCache, isMoving } from './catalog-layout';
import { type Placement, entryKeyAt, entryPlacesOf, moveEntry, movesBetween, targetOf } from './catalog-move';
import { type CatalogTransactItem, transactWrite } from './catalog-writes';

/** What every catalog operation shares: the table, its layout, the clock, and the lookup of one entry. */
export class CatalogContext {
  private turns = 0;

  constructor(
    readonly db: DynamoDBDocumentClient,
    readonly table: string,
    readonly layouts: LayoutCache,
    private readonly now: () => Date,
  ) {}

  /** The entry with this id, wherever the layout (or a migration under way) keeps it. */
  async get(id: string): Promise<CatalogEntry | undefined> {
    return (await this.find(id))?.entry;
  }

  /**
   * The entry and where it is: its key in the current layout, else (while a migration runs) where it was before; a
   * READY entry's item also names where its listed copies are.
   */
  async find(id: string): Promise<{ entry: CatalogEntry; placement: Placement } | undefined> {
    const layout = await this.layouts.get();
    for (const place of entryPlacesOf(id, layout)) {
      const out = await callBackend('DynamoDB', () =>
        this.db.send(
          new GetCommand({
            TableName: this.table,
            Key: entryKeyAt(id, place),
            ConsistentRead: true,
          }),
        ),
      );
      if (out.Item)
        return {
          entry: entryFromItem(out.Item),
          placement: place === 'legacy' ? place : placementOfItem(out.Item, place),
        };
    }
    return undefined;
  }

  /** While a migration runs, moves the entry into the current layout first, so a keyed update finds it there. */
  async settleWhileMoving(id: string): Promise<void> {
    const layout = await this.layouts.get();
    if (isMoving(layout)) await this.settle(id, targetOf(layout));
  }

  /** The entry, moved into the `target` layout first if a migration has not moved it yet, so a change applies there. */
  async settle(id: string, target: ShardPlacement): Promise<CatalogEntry | undefined> {
    const found = await this.find(id);
    if (!found || !movesBetween(found.entry, found.placement, target)) return found?.entry;
    await moveEntry(this.db, this.table, found.entry, { from: found.placement, to: target });
    return (await this.find(id))?.entry;
  }

  /** Applies every member or none; false when a condition failed. */
  transact(items: readonly CatalogTransactItem[]): Promise<boolean> {
    return transactWrite(this.db, this.table, items);
  }

  /** A counter that goes up by one a call: the listing takes its replica groups in turn. */
  nextTurn(): number {
    return this.turns++;
  }

  /** Now, as updatedAt records it. */
  timestamp(): string {
    return this.now().toISOString();
  }
}
