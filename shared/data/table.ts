/**
 * The program's table as the domain sees it: the document client and the table's name.
 */
import { documentClient } from '../aws/dynamodb';
import { config } from '../config';

export interface Table {
  documents: ReturnType<typeof documentClient>;
  tableName: string;
}

/**
 * The configured table, for a handler to pass to the domain.
 *
 * @example
 * await getCity(table(), id);
 */
export function table(): Table {
  return { documents: documentClient(), tableName: config().TABLE_NAME };
}
