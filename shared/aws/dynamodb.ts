/**
 * The DynamoDB clients, created once per container (module scope outlives invocations).
 * One module per service so that a function bundles only the SDK clients it imports.
 * Locally `AWS_ENDPOINT_URL_DYNAMODB` points the SDK at dynalite; in AWS it is unset.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

let dynamo: DynamoDBClient | undefined;
let documents: DynamoDBDocumentClient | undefined;

export function dynamoClient(): DynamoDBClient {
  dynamo ??= new DynamoDBClient({});
  return dynamo;
}

/** The document client: plain JavaScript values in and out; undefined attributes are dropped. */
export function documentClient(): DynamoDBDocumentClient {
  documents ??= DynamoDBDocumentClient.from(dynamoClient(), {
    marshallOptions: { removeUndefinedValues: true },
  });
  return documents;
}

/** Drops the clients (the local stack and tests change endpoints between runs). */
export function resetDynamoClients(): void {
  dynamo?.destroy();
  dynamo = documents = undefined;
}
