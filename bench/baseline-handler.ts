/**
 * The baseline every function is compared against: the least a DynamoDB-backed function can
 * be — one SDK client at module level and nothing else. A function's import time over this
 * one is what folio's own code and its other dependencies cost at cold start.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';

const client = new DynamoDBClient({});

export const handler = async (): Promise<DynamoDBClient> => client;
