/**
 * Failure paths and observability: a throttled or unavailable table answers 503 with
 * Retry-After and stores nothing; a correlation id follows a registration from the request
 * through the event to the email; business metrics are emitted as CloudWatch EMF.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { mockClient } from 'aws-sdk-client-mock';
import { ProvisionedThroughputExceededException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { documentClient } from '../../shared/aws/dynamodb';
import { registration, startTestStack, type TestStack } from '../support/stack';

let stack: TestStack;
let logLines: string[] = [];

beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(async () => {
  await stack?.stop();
});
afterEach(() => {
  process.env.LOG_LEVEL = 'warn';
  vi.restoreAllMocks();
  logLines = [];
});

function captureLogs() {
  process.env.LOG_LEVEL = 'info';
  const keep = (...args: unknown[]) => {
    logLines.push(args.map(String).join(' '));
  };
  vi.spyOn(console, 'log').mockImplementation(keep);
  vi.spyOn(console, 'error').mockImplementation(keep);
}

describe('when DynamoDB throttles', () => {
  it('answers a registration with 503 and Retry-After, and stores nothing', async () => {
    // Prepare: the document client's writes are throttled.
    const before = (await stack.items()).length;
    const documents = mockClient(documentClient());
    documents.on(PutCommand).rejects(new ProvisionedThroughputExceededException({ message: 'Rate exceeded', $metadata: {} }));

    // Act
    const response = await stack.api('/api/cities', { body: registration({ name: 'Throttled Town', country: 'GH' }) });
    documents.restore();

    // Assess
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(response.body).toMatchObject({ error: 'ServiceUnavailable' });
    expect((await stack.items()).length).toBe(before);
  });

  it('succeeds once the table recovers: the client retry stores the city once', async () => {
    // Act
    const retried = await stack.api('/api/cities', { body: registration({ name: 'Throttled Town', country: 'GH' }) });
    await stack.settle();

    // Assess
    expect(retried.status).toBe(201);
  });
});

describe('when DynamoDB throttles after the name was claimed', () => {
  it('frees the name again, so the retry of the same registration succeeds instead of 409', async () => {
    // Prepare: the first write (the name claim) goes through, the second (the city) is throttled.
    const passThrough = DynamoDBDocumentClient.from(new DynamoDBClient({}), { marshallOptions: { removeUndefinedValues: true } });
    const documents = mockClient(documentClient());
    let puts = 0;
    documents.on(PutCommand).callsFake((input) => {
      puts++;
      if (puts === 2) throw new ProvisionedThroughputExceededException({ message: 'Rate exceeded', $metadata: {} });
      return passThrough.send(new PutCommand(input));
    });
    documents.on(GetCommand).callsFake((input) => passThrough.send(new GetCommand(input)));
    documents.on(DeleteCommand).callsFake((input) => passThrough.send(new DeleteCommand(input)));

    // Act
    const first = await stack.api('/api/cities', { body: registration({ name: 'Half Town', country: 'GH' }) });
    documents.restore();
    const retry = await stack.api('/api/cities', { body: registration({ name: 'Half Town', country: 'GH' }) });

    // Assess
    expect(first.status).toBe(503);
    expect(retry.status).toBe(201);
  });
});

describe('correlation and metrics', () => {
  it('follows one registration from the request through the event to the emails with one correlation id', async () => {
    // Prepare
    captureLogs();

    // Act
    const response = await stack.api('/api/cities', {
      body: registration({ name: 'Traced Town', country: 'GH' }),
      headers: { 'x-correlation-id': 'trace-registration-0001' },
    });
    await stack.settle();

    // Assess
    expect(response.status).toBe(201);
    expect(response.headers.get('x-correlation-id')).toBe('trace-registration-0001');
    const event = stack.bus.published().find((published) => (published.detail as { cityId?: string }).cityId === response.body.id);
    expect(event?.detail).toMatchObject({ correlationId: 'trace-registration-0001' });
    const traced = logLines.filter((line) => line.includes('"correlationId":"trace-registration-0001"'));
    expect(traced.some((line) => line.includes('"message":"request"'))).toBe(true);
    expect(traced.filter((line) => line.includes('"message":"email sent"'))).toHaveLength(2);
  });

  it('emits the registration as a CloudWatch EMF metric', async () => {
    // Prepare
    captureLogs();

    // Act
    await stack.api('/api/cities', { body: registration({ name: 'Counted Town', country: 'GH' }) });

    // Assess
    const emf = logLines.map((line) => JSON.parse(line)).find((entry) => entry._aws && 'CityRegistered' in entry);
    expect(emf).toMatchObject({
      CityRegistered: 1,
      Stage: expect.any(String),
      _aws: { CloudWatchMetrics: [{ Namespace: 'CitiesSeekingCities', Dimensions: [['Stage']], Metrics: [{ Name: 'CityRegistered', Unit: 'Count' }] }] },
    });
  });
});
