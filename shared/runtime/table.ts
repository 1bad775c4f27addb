/**
 * The configured table, for a handler to pass to the domain.
 *
 * Each dependency a handler hands to the domain has a module of its own under shared/runtime/
 * (this one, `publisher.ts`, `mailing.ts`), all cached and reset through `container.ts`: one
 * module importing every SDK would put each into every bundle (lib-dynamodb alone adds 50 KB
 * to a function that only publishes).
 */
import { documentClient } from '../aws/dynamodb';
import { tableName } from '../config';
import type { Table } from '../data/table';

/**
 * @example
 * await getCity(table(), id);
 */
export function table(): Table {
  return { documents: documentClient(), tableName: tableName() };
}
