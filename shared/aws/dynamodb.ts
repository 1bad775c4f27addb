/**
 * The DynamoDB clients, created once per process (shared/runtime/container.ts).
 * One module per service so that a function bundles only the SDK clients it imports.
 * Locally `AWS_ENDPOINT_URL_DYNAMODB` points the SDK at dynalite; in AWS it is unset.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { perProcess } from '../runtime/container';

export const dynamoClient = /* @__PURE__ */ perProcess(() => new DynamoDBClient({}), (client) => client.destroy());

/** The document client: plain JavaScript values in and out; undefined attributes are dropped. */
export const documentClient = /* @__PURE__ */ perProcess(() =>
  DynamoDBDocumentClient.from(dynamoClient(), { marshallOptions: { removeUndefinedValues: true } }),
);
