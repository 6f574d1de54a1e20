/**
 * The logger, one instance per execution environment. Log entries carry ids and outcomes only:
 * names, emails, phones, addresses, tokens and full IPs are never logged. Metrics are in
 * ./metrics.ts, so the functions that publish none do not bundle them.
 */
import { Logger } from '@aws-lambda-powertools/logger';

export const logger = new Logger({ serviceName: 'folio' });
