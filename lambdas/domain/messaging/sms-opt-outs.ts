/**
 * SMS opt-outs made at the provider (policy 1.3.2; 38-FZ Art. 18): a customer who replies STOP to
 * an SMS is on the provider's opted-out list, and SNS sends that number nothing more. The import
 * carries the choice back into the customer's settings, so the account shows it, the campaign
 * audiences leave the customer out, and the contractors hear of it at their next sync.
 *
 * The provider's list holds every number ever opted out, so each run reads the whole list and
 * looks each number up through the customers' byPhone index; a customer already opted out of
 * both SMS categories is left as is (no write, no audit entry). Its cost grows with the list,
 * not with the number of customers.
 */
import type { Actor } from '../audit/audit';
import { subscriptionsOf } from './permissions';
import { changeSubscriptions, type SubscriptionPorts } from './subscriptions';

export interface SmsOptOutPorts extends SubscriptionPorts {
  optedOutNumbers(): AsyncIterable<string>;
  customersWithPhone(phone: string): Promise<readonly string[]>;
}

const actor: Actor = { type: 'job', id: 'sms-opt-out-import' };

export const importSmsOptOuts = async (ports: SmsOptOutPorts): Promise<{ numbers: number; customersChanged: number }> => {
  let numbers = 0;
  let customersChanged = 0;
  for await (const phone of ports.optedOutNumbers()) {
    numbers += 1;
    for (const customerId of await ports.customersWithPhone(phone)) {
      const customer = await ports.subscriptions.get(customerId);
      if (customer?.status !== 'ACTIVE') continue;
      const sms = subscriptionsOf(customer).sms;
      if (!sms.advertising && !sms.informational) continue;
      await changeSubscriptions(ports, customerId, { sms: { advertising: false, informational: false } }, actor, 'sms_stop');
      customersChanged += 1;
    }
  }
  return { numbers, customersChanged };
};
