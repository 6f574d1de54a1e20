/**
 * The infrastructure of messages (issue 6): signing secrets under the stage's key and read only by
 * the functions that name them, the contractors' list and their lag alarm, the deliverer's backoff
 * grant on its own queue, and push endpoints granted on folio's own platform applications only.
 */
import { describe, expect, it } from 'vitest';
import { FolioFunction } from '../../lib/constructs/folio-function';
import { queues } from '../../system/queues';
import { routes } from '../../system/routes/index';
import { streamConsumers } from '../../system/streams';
import { jobs } from '../../system/jobs';
import { actionsOf, arnOf, logicalIdOf, type PolicyStatement, ref, resourceById, resourcesOf, statementsOf, synthStack } from './app';

const fcmApp = 'arn:aws:sns:eu-central-1:123456789012:app/GCM/folio';
const { template, stack } = synthStack({
  extraContext: { contractors: JSON.stringify([{ name: 'mailer', endpoint: 'https://mailer.example.com/folio' }]), pushFcmApplicationArn: fcmApp },
});

const functionsByHandler = new Map(
  stack.node
    .findAll()
    .filter((c): c is FolioFunction => c instanceof FolioFunction)
    .map((fn) => [fn.handler, fn]),
);

const statementsOfFunction = (handler: string): PolicyStatement[] => {
  const fn = functionsByHandler.get(handler);
  if (fn === undefined) throw new Error(`no function for ${handler}`);
  const role = resourceById(template, logicalIdOf(fn.function)).properties['Role'] as { 'Fn::GetAtt': [string, string] };
  return resourcesOf(template, 'AWS::IAM::Policy')
    .filter((policy) => JSON.stringify(policy.properties['Roles']).includes(JSON.stringify(ref(role['Fn::GetAtt'][0]))))
    .flatMap((policy) => statementsOf(policy.properties['PolicyDocument']));
};

const environmentOf = (handler: string): Record<string, unknown> => {
  const fn = functionsByHandler.get(handler);
  if (fn === undefined) throw new Error(`no function for ${handler}`);
  return ((resourceById(template, logicalIdOf(fn.function)).properties['Environment'] as { Variables?: Record<string, unknown> } | undefined)?.Variables ?? {});
};

const allHandlers = [
  ...routes.map((r) => ({ handler: r.handler, needs: r.needs ?? {} })),
  ...Object.values(queues).map((q) => ({ handler: q.consumer, needs: q.consumerNeeds })),
  ...streamConsumers.map((c) => ({ handler: c.consumer, needs: c.needs })),
  ...jobs.map((j) => ({ handler: j.handler, needs: j.needs })),
];

describe('signing secrets', () => {
  const secrets = resourcesOf(template, 'AWS::SecretsManager::Secret');
  const dataKey = logicalIdOf(stack.data.key);

  it('are generated, one per defined secret and one per contractor, under the stage\'s customer-managed key', () => {
    expect(secrets).toHaveLength(3);
    for (const secret of secrets) {
      expect(secret.properties['KmsKeyId']).toEqual(arnOf(dataKey));
      if (secret.properties['Name'] === 'folio/test/exportPseudonymKeys') expect(secret.properties['SecretString']).toBe('{}');
      else expect(secret.properties['GenerateSecretString']).toMatchObject({ ExcludePunctuation: true, PasswordLength: 48 });
    }
    expect(secrets.map((s) => s.properties['Name']).sort()).toEqual(['folio/test/contractors/mailer', 'folio/test/exportPseudonymKeys', 'folio/test/unsubscribeSigning']);
  });

  it('are readable only by the functions whose definitions name them, decrypting through Secrets Manager only', () => {
    const readers = allHandlers.filter(({ handler }) => statementsOfFunction(handler).some((s) => actionsOf(s).includes('secretsmanager:GetSecretValue')));
    const named = allHandlers.filter(({ needs }) => (needs.secrets ?? []).length > 0 || needs.contractors === true);
    // Writing a secret is granted only where the definition asks for it.
    const writers = allHandlers.filter(({ handler }) => statementsOfFunction(handler).some((s) => actionsOf(s).includes('secretsmanager:PutSecretValue')));
    expect(writers.map((w) => w.handler)).toEqual(allHandlers.filter(({ needs }) => (needs.secretsWrite ?? []).length > 0).map((w) => w.handler));
    expect(readers.map((r) => r.handler).sort()).toEqual(named.map((n) => n.handler).sort());
    for (const { handler } of readers) {
      const decrypts = statementsOfFunction(handler).filter((s) => actionsOf(s).includes('kms:Decrypt') && JSON.stringify(s.Condition ?? {}).includes('kms:ViaService'));
      expect(decrypts.length, handler).toBeGreaterThanOrEqual(1);
    }
  });

  it('give the sync job the contractors with their secrets, and nothing of them to others', () => {
    const contractors = JSON.stringify(environmentOf('sync-contractors')['CONTRACTORS']);
    expect(contractors).toContain('mailer');
    expect(contractors).toContain('https://mailer.example.com/folio');
    expect(environmentOf('deliver-message')['CONTRACTORS']).toBeUndefined();
  });
});

describe('contractor sync lag', () => {
  it('alarms per contractor before the policy\'s 3 days, and when the job publishes nothing', () => {
    const alarm = resourcesOf(template, 'AWS::CloudWatch::Alarm').find((a) => a.properties['MetricName'] === 'ContractorSyncLagSeconds');
    expect(alarm?.properties).toMatchObject({
      Namespace: 'folio',
      Threshold: 24 * 3600,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      TreatMissingData: 'breaching',
      Dimensions: expect.arrayContaining([{ Name: 'contractor', Value: 'mailer' }, { Name: 'service', Value: 'folio' }]),
    });
    expect(alarm?.properties['AlarmActions']).toHaveLength(1);
  });
});

describe('the deliverer and push', () => {
  it('lets the deliverer set its own queue\'s visibility (backoff), not send to it', () => {
    const statements = statementsOfFunction('deliver-message');
    const queueId = logicalIdOf(stack.messaging.queues.outboundMessages);
    const visibility = statements.filter((s) => actionsOf(s).includes('sqs:ChangeMessageVisibility'));
    expect(visibility.length).toBeGreaterThanOrEqual(1);
    expect(JSON.stringify(visibility)).toContain(queueId);
    expect(statements.some((s) => actionsOf(s).includes('sqs:SendMessage') && JSON.stringify(s.Resource).includes(queueId))).toBe(false);
  });

  it("creates push endpoints on folio's platform application and deletes only its endpoints", () => {
    const statements = statementsOfFunction('register-device');
    expect(statements.find((s) => actionsOf(s).includes('sns:CreatePlatformEndpoint'))?.Resource).toEqual(fcmApp);
    expect(statementsOfFunction('delete-device').find((s) => actionsOf(s).includes('sns:DeleteEndpoint'))?.Resource).toEqual(
      'arn:aws:sns:eu-central-1:123456789012:endpoint/GCM/folio/*',
    );
    expect(environmentOf('register-device')['PUSH_APPLICATION_FCM_ARN']).toBe(fcmApp);
  });

  it('gives the campaign fan-out the API URL for unsubscribe links, and no route function', () => {
    expect(JSON.stringify(environmentOf('fan-out-campaign')['API_BASE_URL'])).toContain('execute-api');
    expect(environmentOf('create-campaign')['API_BASE_URL']).toBeUndefined();
  });
});
