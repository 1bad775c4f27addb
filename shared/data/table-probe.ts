/**
 * Whether the table answers: the health check's cheapest question to DynamoDB.
 */
import { DescribeTableCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';

/**
 * A probe that describes the table (no read capacity used).
 *
 * @example
 * await tableProbe(dynamoClient(), tableName())();
 */
export function tableProbe(dynamo: DynamoDBClient, tableName: string): () => Promise<unknown> {
  return () => dynamo.send(new DescribeTableCommand({ TableName: tableName }));
}
