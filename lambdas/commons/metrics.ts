/**
 * Metrics, one instance per execution environment; imported only by the functions that publish
 * some (about 12 KB and a constructor run that the others' cold starts do not pay).
 */
import { Metrics } from '@aws-lambda-powertools/metrics';

export const metrics = new Metrics({ namespace: 'folio', serviceName: 'folio' });
