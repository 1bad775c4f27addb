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
    /** Coordinator queues (cities by status, inquiries per city), newest first. */
    { indexName: 'gsi2', partitionKey: 'gsi2pk', sortKey: 'gsi2sk' },
    /** The outbox: items whose events are not yet confirmed on the bus, by due time. Sparse. */
    { indexName: 'outbox', partitionKey: 'outboxPk', sortKey: 'outboxDue' },
  ] satisfies IndexDefinition[],
} as const;
