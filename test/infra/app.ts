/**
 * Synthesizes the folio stack in-process for the infrastructure tests: the same stack, config
 * reader and cdk-nag setup as bin/folio.ts, with bundling skipped (about a second a synth) and
 * a test stage. Synths with equal options are shared through a module-level cache.
 *
 * The functions live in nested stacks (lib/folio-stack.ts). The tests read one merged template
 * of the whole stage: the parent's resources and every nested stack's, with each reference to a
 * nested stack's parameter replaced by what the parent passes for it and each reference to a
 * nested stack's output replaced by the output's value. A policy in a nested stack that names a
 * table thus names it as `Fn::GetAtt` of the parent's table, exactly as it did in one stack.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, CfnElement, NestedStack, Stack, Validations } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import * as z from 'zod';
import { createFolioStack } from '../../lib/app';
import type { FolioStack } from '../../lib/folio-stack';
import { acknowledgeStackFindings } from '../../lib/nag';
import type { JobDefinition } from '../../system/jobs';
import type { RouteDefinition } from '../../system/routes/route';
import type { StreamConsumerDefinition } from '../../system/streams';
import type { TableDefinition } from '../../system/tables';

const root = join(import.meta.dirname, '..', '..');

/** The stage every infra test synthesizes. */
export const testStage = {
  stage: 'test',
  senderIdentity: 'example.com',
  senderAddress: 'no-reply@example.com',
  alarmEmail: 'alarms@example.com',
  corsOrigins: 'https://shop.example.com',
} as const;

export interface SynthOptions {
  /** Routes to build instead of system/routes (as one area, `Custom`). */
  readonly routes?: readonly RouteDefinition[];
  /** Routes by area to build instead of system/routes (wins over `routes`). */
  readonly routeAreas?: Readonly<Record<string, readonly RouteDefinition[]>>;
  /** Jobs to build instead of system/jobs. */
  readonly jobs?: readonly JobDefinition[];
  /** Stream consumers to build instead of system/streams, and tables to build instead of system/tables. */
  readonly streamConsumers?: readonly StreamConsumerDefinition[];
  readonly tables?: Readonly<Record<string, TableDefinition>>;
  /** Run cdk-nag's AwsSolutions pack as bin/folio.ts does, reporting instead of failing. */
  readonly nag?: boolean;
  readonly extraContext?: Readonly<Record<string, unknown>>;
  /** Adds constructs to the stack before synthesis (negative controls); such synths are not cached. */
  readonly addConstructs?: (stack: FolioStack) => void;
}

export interface SynthResult {
  /** The whole stage: the parent stack's resources and every nested stack's, references across resolved. */
  readonly template: Template;
  /** Each stack's own template as deployed, by construct path (the parent's is its stack name). */
  readonly stackTemplates: Readonly<Record<string, Template>>;
  readonly stack: FolioStack;
  readonly outdir: string;
}

/**
 * The feature flags of cdk.json: the CLI passes them to the deployed app, so the tests synthesize
 * with them too (they change IAM policy shapes, among others). Stage values are the test's own.
 */
const featureFlags = (): Record<string, unknown> => {
  const cdkJson: unknown = JSON.parse(readFileSync(join(root, 'cdk.json'), 'utf8'));
  const context = z.object({ context: z.record(z.string(), z.unknown()).default({}) }).parse(cdkJson).context;
  return Object.fromEntries(Object.entries(context).filter(([key]) => key.startsWith('@aws-cdk/')));
};

/**
 * Cloud assemblies go under one temp folder. Vitest ends its workers with a signal, so no exit
 * hook runs: instead each load sweeps assemblies of earlier runs (older than ten minutes).
 */
const assemblies = join(tmpdir(), 'folio-infra');
mkdirSync(assemblies, { recursive: true });
for (const entry of readdirSync(assemblies)) {
  const dir = join(assemblies, entry);
  try {
    if (Date.now() - statSync(dir).mtimeMs > 10 * 60_000) rmSync(dir, { recursive: true, force: true });
  } catch {
    // Swept by a concurrent worker.
  }
}

const build = (options: SynthOptions): SynthResult => {
  const outdir = mkdtempSync(join(assemblies, 'synth-'));
  const app = new App({
    outdir,
    context: {
      ...featureFlags(),
      'aws:cdk:bundling-stacks': [],
      ...testStage,
      ...(options.nag && { '@aws-cdk/core:failSynthOnValidationErrors': false }),
      ...options.extraContext,
    },
  });
  const stack = createFolioStack(app, {
    ...(options.routes && { routes: options.routes }),
    ...(options.routeAreas && { routeAreas: options.routeAreas }),
    ...(options.jobs && { jobs: options.jobs }),
    ...(options.streamConsumers && { streamConsumers: options.streamConsumers }),
    ...(options.tables && { tables: options.tables }),
  });
  options.addConstructs?.(stack);
  if (options.nag) {
    acknowledgeStackFindings(stack);
    Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  }
  app.synth();
  return { template: mergedTemplate(stack), stackTemplates: stackTemplates(stack), stack, outdir };
};

// Nested stacks --------------------------------------------------------------------------------

type Json = Record<string, unknown>;

const nestedStacksOf = (stack: Stack): NestedStack[] =>
  stack.node.findAll().filter((c): c is NestedStack => c instanceof NestedStack && c.nestedStackParent === stack);

/** The stack and all stacks nested in it, at any depth. */
const stackTree = (stack: Stack): Stack[] => [stack, ...nestedStacksOf(stack).flatMap(stackTree)];

const stackTemplates = (stack: Stack): Record<string, Template> =>
  Object.fromEntries(stackTree(stack).map((s) => [s.node.path, Template.fromStack(s)]));

/** Rebuilds a CloudFormation value, letting `replace` substitute any object node (undefined keeps it). */
const rewrite = (value: unknown, replace: (node: Json) => unknown): unknown => {
  if (Array.isArray(value)) return value.map((item) => rewrite(item, replace));
  if (typeof value !== 'object' || value === null) return value;
  const replaced = replace(value as Json);
  if (replaced !== undefined) return replaced;
  return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, rewrite(inner, replace)]));
};

const isRecord = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The stack's template with the resources of its nested stacks (recursively) merged in: a nested
 * stack's `Ref` to one of its parameters becomes the value its AWS::CloudFormation::Stack resource
 * passes, and the parent's `Fn::GetAtt [<nested>, Outputs.<name>]` becomes that output's value.
 * Throws if a logical id occurs in two stacks or a parameter is left unresolved.
 */
const mergedJson = (stack: Stack): Json => {
  const own = Template.fromStack(stack).toJSON();
  const resources: Json = { ...(own['Resources'] as Json) };
  const outputsByStack = new Map<string, Json>();
  for (const nested of nestedStacksOf(stack)) {
    const stackResource = nested.nestedStackResource;
    if (!stackResource) throw new Error(`${nested.node.path} has no stack resource`);
    const stackId = stack.getLogicalId(stackResource);
    const passed = ((resources[stackId] as { Properties?: { Parameters?: Json } } | undefined)?.Properties?.Parameters ?? {}) as Json;
    const inner = mergedJson(nested);
    const declared = Object.keys((inner['Parameters'] as Json | undefined) ?? {});
    const resolved = rewrite({ Resources: inner['Resources'], Outputs: inner['Outputs'] ?? {} }, (node) => {
      const name = node['Ref'];
      if (typeof name !== 'string' || !declared.includes(name)) return undefined;
      if (!(name in passed)) throw new Error(`${nested.node.path} parameter ${name} is not passed by ${stackId}`);
      return passed[name];
    }) as { Resources: Json; Outputs: Json };
    const text = JSON.stringify(resolved);
    for (const name of declared) if (text.includes(name)) throw new Error(`${nested.node.path} parameter ${name} is used other than by Ref`);
    for (const [logicalId, resource] of Object.entries(resolved.Resources)) {
      if (logicalId in resources) throw new Error(`logical id ${logicalId} of ${nested.node.path} is also in ${stack.node.path}`);
      resources[logicalId] = resource;
    }
    outputsByStack.set(stackId, resolved.Outputs);
  }
  const outputValue = (node: Json): unknown => {
    const getAtt = node['Fn::GetAtt'];
    if (!Array.isArray(getAtt) || typeof getAtt[0] !== 'string' || typeof getAtt[1] !== 'string') return undefined;
    const outputs = outputsByStack.get(getAtt[0]);
    if (!outputs) return undefined;
    const name = /^Outputs\.(.+)$/.exec(getAtt[1])?.[1];
    const output = name === undefined ? undefined : outputs[name];
    if (!isRecord(output) || !('Value' in output)) throw new Error(`${getAtt[0]} has no output ${getAtt[1]}`);
    return output['Value'];
  };
  return {
    ...own,
    Resources: rewrite(resources, outputValue),
    ...(own['Outputs'] !== undefined && { Outputs: rewrite(own['Outputs'], outputValue) }),
  };
};

/** The stage's resources in one template (see the comment at the top). */
export const mergedTemplate = (stack: Stack): Template => Template.fromJSON(mergedJson(stack));

/** What tells two synths apart; route schemas are left out (they do not reach the template). */
const routeKey = (r: RouteDefinition) => [r.handler, r.method, r.path, r.access, r.needs ?? null];
const cacheKey = (options: SynthOptions): string =>
  JSON.stringify({
    routes: options.routes?.map(routeKey) ?? null,
    routeAreas: options.routeAreas ? Object.entries(options.routeAreas).map(([area, routes]) => [area, routes.map(routeKey)]) : null,
    jobs: options.jobs ?? null,
    streams: options.streamConsumers ?? null,
    tables: options.tables ?? null,
    nag: options.nag === true,
    extraContext: options.extraContext ?? null,
  });

const cache = new Map<string, SynthResult>();

export const synthStack = (options: SynthOptions = {}): SynthResult => {
  if (options.addConstructs) return build(options);
  const key = cacheKey(options);
  let result = cache.get(key);
  if (!result) {
    result = build(options);
    cache.set(key, result);
  }
  return result;
};

export interface NagViolation {
  readonly ruleName: string;
  readonly constructPaths: readonly string[];
}

const reportSchema = z.object({
  pluginReports: z.array(
    z.object({
      pluginName: z.string(),
      violations: z
        .array(
          z.object({
            ruleName: z.string(),
            violatingConstructs: z.array(z.object({ constructPath: z.string() })),
          }),
        )
        .default([]),
    }),
  ),
});

/**
 * The unacknowledged AwsSolutions findings of a synth. The report lists a plugin only when it has
 * something to say, so no AwsSolutions entry means no violations; no report at all means no
 * validation plugin ran, which is an error.
 */
export const readNagViolations = (outdir: string): NagViolation[] => {
  const file = join(outdir, 'validation-report.json');
  if (!existsSync(file)) throw new Error(`${file} is missing: was the app synthesized with nag: true?`);
  const report = reportSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
  return report.pluginReports
    .filter((plugin) => plugin.pluginName === 'AwsSolutions')
    .flatMap((plugin) => plugin.violations)
    .map((violation) => ({
      ruleName: violation.ruleName,
      constructPaths: violation.violatingConstructs.map((construct) => construct.constructPath),
    }));
};

// Reading the template ------------------------------------------------------------------------

export interface TemplateResource {
  readonly logicalId: string;
  readonly type: string;
  readonly properties: Readonly<Record<string, unknown>>;
  readonly deletionPolicy: string | undefined;
  readonly updateReplacePolicy: string | undefined;
}

const templateSchema = z.object({
  Resources: z.record(
    z.string(),
    z.object({
      Type: z.string(),
      Properties: z.record(z.string(), z.unknown()).optional(),
      DeletionPolicy: z.string().optional(),
      UpdateReplacePolicy: z.string().optional(),
    }),
  ),
});

/** Every resource of the template, optionally of one type. */
export const resourcesOf = (template: Template, type?: string): TemplateResource[] =>
  Object.entries(templateSchema.parse(template.toJSON()).Resources)
    .filter(([, resource]) => type === undefined || resource.Type === type)
    .map(([logicalId, resource]) => ({
      logicalId,
      type: resource.Type,
      properties: resource.Properties ?? {},
      deletionPolicy: resource.DeletionPolicy,
      updateReplacePolicy: resource.UpdateReplacePolicy,
    }));

/** One resource by logical id; throws when the template lacks it. */
export const resourceById = (template: Template, logicalId: string): TemplateResource => {
  const found = resourcesOf(template).find((resource) => resource.logicalId === logicalId);
  if (!found) throw new Error(`The template has no resource ${logicalId}`);
  return found;
};

/** The logical id of a construct's CloudFormation resource (the construct itself or its default child). */
export const logicalIdOf = (construct: IConstruct): string => {
  const element = CfnElement.isCfnElement(construct) ? construct : construct.node.defaultChild;
  if (!element || !CfnElement.isCfnElement(element)) throw new Error(`${construct.node.path} has no CloudFormation resource`);
  return Stack.of(element).getLogicalId(element);
};

export const ref = (logicalId: string) => ({ Ref: logicalId });
export const arnOf = (logicalId: string) => ({ 'Fn::GetAtt': [logicalId, 'Arn'] });

/** The logical ids a CloudFormation value refers to (Ref and Fn::GetAtt, at any depth). */
export const referencedIds = (value: unknown): string[] => {
  if (Array.isArray(value)) return value.flatMap(referencedIds);
  if (typeof value !== 'object' || value === null) return [];
  const found: string[] = [];
  for (const [key, inner] of Object.entries(value)) {
    if (key === 'Ref' && typeof inner === 'string') found.push(inner);
    else if (key === 'Fn::GetAtt' && Array.isArray(inner) && typeof inner[0] === 'string') found.push(inner[0]);
    else found.push(...referencedIds(inner));
  }
  return found;
};

/** `PascalCase` of a kebab-case name, as lib/constructs names a function's construct. */
export const pascal = (name: string): string => name.replace(/(^|-)(\w)/g, (_: string, __: string, c: string) => c.toUpperCase());

const statementSchema = z.object({
  Sid: z.string().optional(),
  Effect: z.enum(['Allow', 'Deny']),
  Action: z.union([z.string(), z.array(z.string())]).optional(),
  Principal: z.unknown().optional(),
  Resource: z.unknown().optional(),
  Condition: z.record(z.string(), z.record(z.string(), z.unknown())).optional(),
});

export type PolicyStatement = z.infer<typeof statementSchema>;

/** The statements of a policy document (IAM, queue, bucket or topic policy). */
export const statementsOf = (document: unknown): PolicyStatement[] =>
  z.object({ Statement: z.array(statementSchema) }).parse(document).Statement;

export const actionsOf = (statement: PolicyStatement): string[] =>
  statement.Action === undefined ? [] : typeof statement.Action === 'string' ? [statement.Action] : statement.Action;

/** A Deny of every request that does not come over TLS. */
export const deniesInsecureTransport = (statement: PolicyStatement): boolean =>
  statement.Effect === 'Deny' && statement.Condition?.['Bool']?.['aws:SecureTransport'] === 'false';

/** The one element of a list; throws naming what was looked for when there are none or several. */
export const single = <T>(items: readonly T[], what: string): T => {
  const [first] = items;
  if (items.length !== 1 || first === undefined) throw new Error(`expected exactly one ${what}, found ${items.length}`);
  return first;
};
