/**
 * Least privilege: each function's role reaches exactly the tables its definition asks for, with
 * named actions on the table and its own indexes only, and no write action where it asks to read.
 * Functions are found from their definitions (routes under Api/Routes<Area>/<PascalHandler>, in
 * their area's nested stack; consumers under Workers/<queue>Consumer, stream consumers under
 * Workers/<name>StreamConsumer, deploy hooks under Workers/<name>Hook, jobs under
 * Workers/Jobs/<PascalName>, all in the Workers nested stack), and every function of the stage,
 * nested stacks included, is accounted for.
 */
import { describe, expect, it } from 'vitest';
import { FolioFunction } from '../../lib/constructs/folio-function';
import { deployHooks } from '../../system/deploy-hooks';
import { streamConsumers } from '../../system/streams';
import type { FunctionRequirements, TableAccess } from '../../system/functions';
import { type JobDefinition, jobs as jobDefinitions } from '../../system/jobs';
import { type QueueDefinition, type QueueName, queues } from '../../system/queues';
import { routeAreas } from '../../system/routes/index';
import type { RouteDefinition } from '../../system/routes/route';
import { type TableDefinition, type TableName, tables } from '../../system/tables';
import { actionsOf, logicalIdOf, pascal, type PolicyStatement, ref, resourceById, resourcesOf, statementsOf, synthStack } from './app';

/** A job with table needs, so the jobs area is checked while system/jobs.ts is empty. */
const testJob: JobDefinition = {
  name: 'nightly-test',
  description: 'x',
  schedule: 'cron(0 3 * * ? *)',
  handler: 'get-health',
  needs: { tables: { audit: 'read', watchList: 'readWrite' } },
};
const allJobs = [...jobDefinitions, testJob];

const { template, stack } = synthStack({ jobs: allJobs });

type TableNeeds = Partial<Record<TableName, TableAccess>>;

/**
 * Customer and operator routes also read the session record on every request (the shared HTTP
 * layer refuses tokens of ended sessions; lib/constructs/api.ts adds the grant).
 */
const routeTables = (route: RouteDefinition): TableNeeds => {
  const needs: TableNeeds = route.needs?.tables ?? {};
  return route.access === 'public' || needs.sessions !== undefined ? needs : { ...needs, sessions: 'read' };
};

interface ExpectedFunction {
  /** Construct path under the stack. */
  readonly path: string;
  readonly tables: TableNeeds;
}

const tablesOf = (needs: FunctionRequirements): TableNeeds => needs.tables ?? {};

const expected: ExpectedFunction[] = [
  ...Object.entries(routeAreas).flatMap(([area, routes]) =>
    routes.map((route) => ({ path: `Api/Routes${area}/${pascal(route.handler)}`, tables: routeTables(route) })),
  ),
  ...(Object.entries(queues) as [QueueName, QueueDefinition][]).map(([name, queue]) => ({
    path: `Workers/${name}Consumer`,
    tables: tablesOf(queue.consumerNeeds),
  })),
  ...deployHooks.map((hook) => ({ path: `Workers/${hook.name}Hook`, tables: tablesOf(hook.needs) })),
  ...streamConsumers.map((consumer) => ({ path: `Workers/${consumer.name}StreamConsumer`, tables: tablesOf(consumer.needs) })),
  ...allJobs.map((job) => ({ path: `Workers/Jobs/${pascal(job.name)}`, tables: tablesOf(job.needs) })),
];

const folioFunctions = stack.node.findAll().filter((c): c is FolioFunction => c instanceof FolioFunction);
const relativePath = (fn: FolioFunction) => fn.node.path.slice(stack.node.path.length + 1);

const tableByLogicalId = new Map((Object.keys(tables) as TableName[]).map((name) => [logicalIdOf(stack.data.tables[name]), name]));

const writeActions = ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem'];
const isDynamoAction = (action: string) => action === '*' || action.toLowerCase().startsWith('dynamodb:');

/** Every statement the role of a function holds: its attached policies and inline ones. */
const roleStatements = (functionLogicalId: string): PolicyStatement[] => {
  const role = resourceById(template, functionLogicalId).properties['Role'];
  const roleId = (role as { 'Fn::GetAtt'?: [string, string] } | undefined)?.['Fn::GetAtt']?.[0];
  if (roleId === undefined) throw new Error(`${functionLogicalId} has no role of the stack`);
  const attached = resourcesOf(template, 'AWS::IAM::Policy')
    .filter((policy) => JSON.stringify(policy.properties['Roles']).includes(JSON.stringify(ref(roleId))))
    .flatMap((policy) => statementsOf(policy.properties['PolicyDocument']));
  const inline = ((resourceById(template, roleId).properties['Policies'] as { PolicyDocument: unknown }[] | undefined) ?? []).flatMap(
    (policy) => statementsOf(policy.PolicyDocument),
  );
  return [...attached, ...inline].filter((statement) => statement.Effect === 'Allow');
};

interface TableGrant {
  readonly table: TableName;
  readonly actions: readonly string[];
  /** The index the grant names, if it names one. */
  readonly index: string | undefined;
}

/** The DynamoDB grants of a role, each on one table or one of its indexes; throws on any other DynamoDB resource. */
const tableGrants = (statements: PolicyStatement[]): TableGrant[] =>
  statements.flatMap((statement) => {
    const actions = actionsOf(statement).filter(isDynamoAction);
    if (actions.length === 0) return [];
    const resources = Array.isArray(statement.Resource) ? statement.Resource : [statement.Resource];
    return resources.map((resource: unknown): TableGrant => {
      const text = JSON.stringify(resource);
      const tableIds = [...tableByLogicalId.keys()].filter((id) => text.includes(JSON.stringify(id)));
      const table = tableIds.length === 1 ? tableByLogicalId.get(tableIds[0] ?? '') : undefined;
      if (!table) throw new Error(`DynamoDB actions ${actions.join(', ')} on ${text}, which is not one table of the stack`);
      const index = /"\/index\/([^"]*)"/.exec(text)?.[1];
      return { table, actions, index };
    });
  });

const functionIdAt = (path: string): string => {
  const fn = folioFunctions.find((candidate) => relativePath(candidate) === path);
  if (!fn) throw new Error(`no function construct at ${path}`);
  return logicalIdOf(fn.function);
};

describe('the function inventory', () => {
  it('has one function construct per route, consumer, deploy hook and job definition', () => {
    expect(folioFunctions.map(relativePath).sort()).toEqual(expected.map((e) => e.path).sort());
  });

  it('holds no DynamoDB grant in any other function of the template (CDK framework functions)', () => {
    const definedIds = new Set(folioFunctions.map((fn) => logicalIdOf(fn.function)));
    const others = resourcesOf(template, 'AWS::Lambda::Function').filter((fn) => !definedIds.has(fn.logicalId));
    for (const other of others) {
      const dynamo = roleStatements(other.logicalId).flatMap(actionsOf).filter(isDynamoAction);
      expect(dynamo, other.logicalId).toEqual([]);
    }
  });
});

describe.each(expected.map((e) => [e.path, e] as const))('%s', (path, { tables: needs }) => {
  const statements = () => roleStatements(functionIdAt(path));

  it('names DynamoDB actions one by one (no dynamodb:* nor *)', () => {
    const actions = statements().flatMap(actionsOf).filter(isDynamoAction);
    for (const action of actions) expect(action, path).not.toContain('*');
  });

  it('names no index/* resource, only indexes its tables define', () => {
    for (const statement of statements()) expect(JSON.stringify(statement.Resource ?? null)).not.toContain('index/*');
    for (const grant of tableGrants(statements())) {
      if (grant.index === undefined) continue;
      const definition: TableDefinition = tables[grant.table];
      expect((definition.indexes ?? []).map((index) => index.name), `${grant.table} index`).toContain(grant.index);
    }
  });

  it(`reaches only the tables it needs: ${Object.keys(needs).sort().join(', ') || 'none'}`, () => {
    const reached = [...new Set(tableGrants(statements()).map((grant) => grant.table))].sort();
    expect(reached).toEqual(Object.keys(needs).sort());
  });

  const readOnly = (Object.entries(needs) as [TableName, TableAccess][]).filter(([, access]) => access === 'read').map(([name]) => name);
  if (readOnly.length > 0) {
    it(`cannot write to the tables it only reads: ${readOnly.join(', ')}`, () => {
      const grants = tableGrants(statements()).filter((g) => readOnly.includes(g.table));
      expect([...new Set(grants.map((g) => g.table))].sort()).toEqual([...readOnly].sort());
      for (const grant of grants) expect(grant.actions.filter((action) => writeActions.includes(action)), grant.table).toEqual([]);
    });
  }
});
