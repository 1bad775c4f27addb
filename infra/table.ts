/**
 * The single table's key design, read by the CDK stack and by the local stack (which creates
 * the same table in dynalite), so the two cannot drift.
 */
export interface IndexDefinition {
  indexName: string;
  partitionKey: string;
  sortKey: string;
}

export const TABLE_DEFINITION = {
  /** Logical name; the deployed table gets a generated name passed in TABLE_NAME. */
  localTableName: 'cities-seeking-cities',
  partitionKey: 'pk',
  sortKey: 'sk',
  globalIndexes: [
    /** Directory listings: `gsi1pk` names a listing (e.g. all approved cities), `gsi1sk` orders it by name. */
    { indexName: 'gsi1', partitionKey: 'gsi1pk', sortKey: 'gsi1sk' },
    /**
     * Every other list, one partition per list, each ordered by its own `gsi2sk`:
     * `CITIES#<status>` (the review queues, by registration), `INQUIRIES#<city id>` (by time),
     * the featuring queue (by last featured month, then registration), the active subscribers and
     * `MEMBERS#<status>` (by id), and the members with a pending alert (by member id).
     */
    { indexName: 'gsi2', partitionKey: 'gsi2pk', sortKey: 'gsi2sk' },
    /** The outbox: items whose events are not yet confirmed on the bus, by due time. Sparse. */
    { indexName: 'outbox', partitionKey: 'outboxPk', sortKey: 'outboxDue' },
  ] satisfies IndexDefinition[],
} as const;

/**
 * The key schema of the table (no argument) or of one of its indexes, as CreateTable and
 * CloudFormation both write it.
 *
 * @example
 * keySchemaOf(TABLE_DEFINITION.globalIndexes[0]) // [{ AttributeName: 'gsi1pk', KeyType: 'HASH' }, …]
 */
export function keySchemaOf(keys: { partitionKey: string; sortKey: string } = TABLE_DEFINITION) {
  return [
    { AttributeName: keys.partitionKey, KeyType: 'HASH' as const },
    { AttributeName: keys.sortKey, KeyType: 'RANGE' as const },
  ];
}
