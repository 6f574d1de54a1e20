/**
 * The stage fits CloudFormation's limit of 500 resources per stack with room to grow: the
 * functions live in nested stacks, one per route area that has routes (`Api/Routes<Area>`) and
 * one for the workers (queue and stream consumers, deploy hooks, jobs), while the parent keeps
 * the tables, queues, user pool and the REST API with its methods.
 */
import { Stack } from 'aws-cdk-lib';
import { describe, expect, it } from 'vitest';
import { routeAreas } from '../../system/routes/index';
import type { RouteDefinition } from '../../system/routes/route';
import { arnOf, logicalIdOf, ref, resourceById, resourcesOf, statementsOf, synthStack } from './app';

/** CloudFormation's limit per stack. */
const stackLimit = 500;
/**
 * Each stack keeps 100 resources of headroom, so this fails while there is still time to split:
 * in the parent each new route adds a method, its invoke permission, often a CORS OPTIONS method
 * and path resources (about 290 with the messaging routes); in a nested stack each function adds
 * four or five.
 */
const budget = stackLimit - 100;
const parentBudget = budget;
const nestedBudget = budget;

const { stack, stackTemplates, template } = synthStack();
const parentTemplate = stackTemplates[stack.node.path];
if (!parentTemplate) throw new Error(`no template for ${stack.node.path}`);

const route = (handler: string, path: string): RouteDefinition => ({
  handler,
  method: 'GET',
  path,
  access: 'public',
  summary: 'test route',
  tags: ['test'],
  responses: { 200: { description: 'ok' } },
});

describe('resources per stack', () => {
  const counts = Object.entries(stackTemplates).map(([path, t]) => [path, resourcesOf(t).length] as const);

  it('are counted for the parent and every nested stack', () => {
    expect(counts.map(([path]) => path).sort()).toEqual(
      [stack.node.path, stack.workers.node.path, stack.web.node.path, ...Object.values(stack.api.routeStacks).map((s) => s.node.path)].sort(),
    );
  });

  it(`stay below ${parentBudget} in the parent stack`, () => {
    expect(resourcesOf(parentTemplate).length).toBeLessThan(parentBudget);
  });

  it.each(counts.filter(([path]) => path !== stack.node.path))(`stay below ${nestedBudget} in %s`, (_, count) => {
    expect(count).toBeLessThan(nestedBudget);
  });

  it('leave no function in the parent stack', () => {
    expect(resourcesOf(parentTemplate, 'AWS::Lambda::Function')).toEqual([]);
  });
});

describe('route areas', () => {
  it('get one nested stack each when they have routes, and none when empty', () => {
    const withRoutes = Object.entries(routeAreas).filter(([, routes]) => routes.length > 0).map(([area]) => area);
    expect(Object.keys(stack.api.routeStacks).sort()).toEqual(withRoutes.sort());
    for (const [area, nested] of Object.entries(stack.api.routeStacks)) expect(nested.node.id).toBe(`Routes${area}`);
  });

  it.each(Object.entries(routeAreas).flatMap(([area, routes]) => routes.map((r) => [r.handler, area] as const)))(
    "%s's function is in the %s nested stack",
    (handler, area) => {
      const fn = stack.api.functions[handler];
      if (!fn) throw new Error(`no function for ${handler}`);
      expect(Stack.of(fn.function)).toBe(stack.api.routeStacks[area]);
    },
  );

  it('create no nested stack for an empty area (test areas)', () => {
    const result = synthStack({ routeAreas: { Alpha: [route('get-health', '/v1/test/alpha')], Empty: [] } });
    expect(Object.keys(result.stack.api.routeStacks)).toEqual(['Alpha']);
    // Alpha's, Workers and Web.
    expect(resourcesOf(result.template, 'AWS::CloudFormation::Stack')).toHaveLength(3);
  });
});

describe('the workers nested stack', () => {
  it('holds the consumers, deploy hooks and jobs', () => {
    expect(Stack.of(stack.jobs)).toBe(stack.workers);
    for (const fn of Object.values(stack.jobs.functions)) expect(Stack.of(fn.function)).toBe(stack.workers);
  });
});

describe('the merged template the tests read', () => {
  it("names the parent's table where a nested function's policy names it", () => {
    const fn = stack.api.functions['register'];
    if (!fn) throw new Error('no register function');
    const roleId = logicalIdOf(fn.function.role ?? fn.function);
    const statements = resourcesOf(template, 'AWS::IAM::Policy')
      .filter((policy) => JSON.stringify(policy.properties['Roles']) === JSON.stringify([ref(roleId)]))
      .flatMap((policy) => statementsOf(policy.properties['PolicyDocument']));
    const resources = statements.flatMap((statement) => [statement.Resource].flat());
    expect(resources).toContainEqual(arnOf(logicalIdOf(stack.data.tables.customers)));
    expect(resourceById(parentTemplate, logicalIdOf(stack.data.tables.customers)).type).toBe('AWS::DynamoDB::GlobalTable');
  });
});
