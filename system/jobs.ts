/**
 * Every scheduled job. The CDK app creates an EventBridge Scheduler schedule per job
 * (lib/constructs/jobs.ts) and the local stack runs the same handler on the same schedule
 * and on demand (`POST /_local/jobs/{name}/run`, local/scheduler.ts).
 */
import type { FunctionRequirements } from './functions';

export interface JobDefinition {
  readonly name: string;
  readonly description: string;
  /** An EventBridge Scheduler expression: `rate(15 minutes)` or `cron(0 3 * * ? *)`, UTC. */
  readonly schedule: string;
  /** The handler in lambdas/functions. */
  readonly handler: string;
  readonly needs: FunctionRequirements;
}

export const jobs: readonly JobDefinition[] = [
  {
    name: 'basket-reminders',
    description:
      'Emits a BasketReminderDue event for baskets left unordered past the reminder delay, unless the processing gate refuses the customer service reminders.',
    schedule: 'rate(15 minutes)',
    handler: 'send-basket-reminders',
    needs: { tables: { baskets: 'readWrite', events: 'write', customers: 'read' }, timeoutSeconds: 60 },
  },
  {
    name: 'privacy-deadline-watch',
    description:
      'Flags open privacy requests past dueBy or due within 2 working days (each once), emails operations one summary, publishes PrivacyRequestsOverdue.',
    schedule: 'rate(1 hour)',
    handler: 'watch-privacy-deadlines',
    needs: { tables: { privacyRequests: 'readWrite' }, queues: { outboundMessages: 'send' }, timeoutSeconds: 60 },
  },
  {
    name: 'destroy-requested-data',
    description:
      'Destroys the personal data of customers with an open destroy request (or withdraw_consent of personal_data_processing), writes the destruction act, completes the request.',
    schedule: 'rate(1 hour)',
    handler: 'destroy-requested-data',
    needs: {
      tables: {
        privacyRequests: 'readWrite',
        customers: 'readWrite',
        baskets: 'readWrite',
        favorites: 'readWrite',
        sessions: 'readWrite',
        watchList: 'readWrite',
        messages: 'readWrite',
        events: 'readWrite',
        orders: 'readWrite',
        accessExports: 'readWrite',
        consentReceipts: 'read',
        audit: 'readWrite',
        destructionActs: 'readWrite',
        devices: 'readWrite',
        audiences: 'readWrite',
        subscriptionChanges: 'readWrite',
        recommendations: 'readWrite',
        disclosures: 'read',
      },
      userPool: ['adminWrite'],
      // Deletes the SNS endpoints of the customer's push devices.
      pushEndpoints: true,
      timeoutSeconds: 300,
    },
  },
  {
    name: 'contractor-sync',
    description:
      "Sends each contractor's mailing system the advertising opt-outs and opt-ins recorded since its last acknowledged batch, signed, and publishes how long the oldest unacknowledged change has waited.",
    schedule: 'rate(15 minutes)',
    handler: 'sync-contractors',
    needs: { tables: { subscriptionChanges: 'read', contractorSync: 'readWrite' }, contractors: true, timeoutSeconds: 300 },
  },
  {
    name: 'sms-opt-out-import',
    description: 'Reads the numbers that replied STOP at the SMS provider and turns off advertising and informational SMS for the customers with those numbers.',
    schedule: 'rate(1 hour)',
    handler: 'import-sms-opt-outs',
    needs: { tables: { customers: 'readWrite', audit: 'write' }, smsOptOuts: true, timeoutSeconds: 120 },
  },
  {
    name: 'site-stats',
    description: "Adds up the previous UTC day's page views per path and per referrer origin into siteStats, reading only that day's partitions.",
    schedule: 'cron(30 0 * * ? *)',
    handler: 'aggregate-site-events',
    needs: { tables: { siteEvents: 'read', siteStats: 'write' }, timeoutSeconds: 300 },
  },
  {
    name: 'recommendations',
    description:
      'Builds "customers who bought this also bought" from the last 12 months of orders of customers who granted personalization and are not restricted, then points reads at the new build.',
    schedule: 'cron(0 2 * * ? *)',
    handler: 'build-recommendations',
    needs: { tables: { orders: 'read', customers: 'read', recommendations: 'readWrite' }, timeoutSeconds: 900, memoryMiB: 1024 },
  },
  {
    name: 'impersonal-export',
    description:
      "Writes the previous month's purchases to the exports bucket, impersonal: keyed pseudonyms (a key per month), region, month and price band, rows suppressed below k; and a manifest.",
    schedule: 'cron(0 3 1 * ? *)',
    handler: 'export-impersonal-purchases',
    needs: {
      tables: { orders: 'read', customers: 'read' },
      secrets: ['exportPseudonymKeys'],
      secretsWrite: ['exportPseudonymKeys'],
      exportsBucket: { prefix: 'impersonal/' },
      timeoutSeconds: 900,
      memoryMiB: 1024,
    },
  },
];
