/**
 * Deploy hook: a CloudFormation custom resource (through the CDK Provider framework) that
 * fills a new catalogue with the seed books. Deleting the stack deletes no book.
 */
import type { CloudFormationCustomResourceEvent } from 'aws-lambda';
import { catalogueStore } from '#adapters/catalogue-store';
import { logger } from '#commons/powertools';
import { seedCatalogue } from '#domain/catalogue/catalogue';
import { seedBooks } from '#domain/catalogue/seed-books';

export const handler = async (event: CloudFormationCustomResourceEvent) => {
  if (event.RequestType !== 'Delete') {
    const result = await seedCatalogue(catalogueStore, seedBooks);
    logger.info('catalogue seeded', result);
  }
  return { PhysicalResourceId: 'catalogue-seed' };
};
