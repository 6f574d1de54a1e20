/**
 * Configuration is read once, at module load, from the environment the CDK app (or the local
 * stack) sets; a missing variable fails the cold start loudly instead of a request quietly.
 */
import { type TableName, tableEnv } from '#system/tables';
import { type QueueName, queueEnv } from '#system/queues';

export class MissingConfigurationError extends Error {
  override readonly name = 'MissingConfigurationError';
}

export const requireEnv = (name: string): string => {
  const value = process.env[name];
  if (value === undefined || value === '') {
    throw new MissingConfigurationError(`environment variable ${name} is not set`);
  }
  return value;
};

export const optionalEnv = (name: string, fallback: string): string => {
  const value = process.env[name];
  return value === undefined || value === '' ? fallback : value;
};

export const tableName = (table: TableName): string => requireEnv(tableEnv(table));

export const queueUrl = (queue: QueueName): string => requireEnv(queueEnv(queue));

/**
 * Reads a variable on first use, then keeps it. Adapters that several functions bundle use it, so
 * a function is configured (and granted) only for the tables and services its own path touches.
 */
export const once = <T>(read: () => T): (() => T) => {
  let value: T | undefined;
  let done = false;
  return () => {
    if (!done) {
      value = read();
      done = true;
    }
    return value as T;
  };
};
