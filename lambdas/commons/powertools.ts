/**
 * Logger and metrics, one instance per execution environment. Log entries carry ids and
 * outcomes only: names, emails, phones, addresses, tokens and full IPs are never logged.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';

export const logger = new Logger({ serviceName: 'folio' });

export const metrics = new Metrics({ namespace: 'folio', serviceName: 'folio' });
