/**
 * The resource policy DynamoDB Local cannot hold. In the cloud every append-only table of
 * system/tables.ts carries a resource policy that explicitly denies `appendOnlyDeniedActions` to
 * every principal (lib/constructs/data.ts). DynamoDB Local has no IAM, so the functions reach it
 * through this proxy: it forwards every call unchanged, except those that map to a denied action
 * on an append-only table, which it refuses the way DynamoDB refuses an explicit deny.
 *
 * Like IAM, it judges each operation of a call: a BatchWriteItem naming an append-only table is
 * BatchWriteItem on that table (puts included); inside TransactWriteItems an Update or Delete is
 * UpdateItem or DeleteItem on its table, while Put and ConditionCheck are PutItem and
 * ConditionCheckItem; a PartiQL UPDATE, DELETE or INSERT is PartiQLUpdate, PartiQLDelete or
 * PartiQLInsert on the table it names.
 */
import { Agent, createServer, type IncomingMessage, request, type Server, type ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import { appendOnlyDeniedActions, type TableDefinition, type TableName, tables } from '#system/tables';

/** One IAM action on one table (physical name) that a call asks for. */
export interface RequestedAction {
  readonly action: string;
  readonly table: string;
}

export interface Denial extends RequestedAction {
  readonly message: string;
}

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

/** `TableName` may be a name or an ARN (`arn:aws:dynamodb:<region>:<account>:table/<name>`). */
const tableOf = (value: unknown): string | undefined => {
  if (typeof value !== 'string') return undefined;
  const arn = /^arn:[^:]+:dynamodb:[^:]*:[^:]*:table\/([^/]+)/.exec(value);
  return arn ? arn[1] : value;
};

const partiqlVerbs = { UPDATE: 'dynamodb:PartiQLUpdate', DELETE: 'dynamodb:PartiQLDelete', INSERT: 'dynamodb:PartiQLInsert' } as const;

/**
 * The PartiQL action a statement asks for and the table it names, or undefined for a read.
 * `UPDATE "t" SET ...`, `DELETE FROM "t" WHERE ...`, `INSERT INTO "t" VALUE {...}`; names may be
 * quoted ("" escapes a quote) or bare. A write whose table cannot be read is reported with
 * `table: undefined` so the caller can decide conservatively.
 */
export const partiqlAction = (statement: string): { action: string; table: string | undefined } | undefined => {
  const verb = /^\s*(UPDATE|DELETE|INSERT)\b/i.exec(statement);
  if (!verb) return undefined;
  const keyword = (verb[1] ?? '').toUpperCase() as keyof typeof partiqlVerbs;
  const action = partiqlVerbs[keyword];
  const rest = statement.slice(verb[0].length);
  const target = (keyword === 'UPDATE' ? /^\s+/ : keyword === 'DELETE' ? /^\s+FROM\s+/i : /^\s+INTO\s+/i).exec(rest);
  if (!target) return { action, table: undefined };
  const name = /^(?:"((?:[^"]|"")+)"|([A-Za-z0-9_.-]+?))(?=$|[\s."[])/.exec(rest.slice(target[0].length));
  const table = name ? (name[1] !== undefined ? name[1].replace(/""/g, '"') : name[2]) : undefined;
  return { action, table };
};

const transactActions: Record<string, string> = {
  Put: 'dynamodb:PutItem',
  Update: 'dynamodb:UpdateItem',
  Delete: 'dynamodb:DeleteItem',
  ConditionCheck: 'dynamodb:ConditionCheckItem',
};

/**
 * The IAM actions a DynamoDB call asks for, per table, as IAM evaluates them. `knownTables` is
 * only used for a PartiQL write whose table name cannot be parsed: then every known table the
 * statement mentions counts as its target.
 */
export const requestedActions = (operation: string, body: Json, knownTables: readonly string[] = []): RequestedAction[] => {
  const statementActions = (statement: unknown): RequestedAction[] => {
    if (typeof statement !== 'string') return [];
    const parsed = partiqlAction(statement);
    if (parsed === undefined) return [];
    if (parsed.table !== undefined) return [{ action: parsed.action, table: parsed.table }];
    return knownTables.filter((t) => statement.includes(t)).map((table) => ({ action: parsed.action, table }));
  };
  switch (operation) {
    case 'BatchWriteItem':
    case 'BatchGetItem':
      return Object.keys(isObject(body['RequestItems']) ? body['RequestItems'] : {}).map((t) => ({ action: `dynamodb:${operation}`, table: tableOf(t) ?? t }));
    case 'TransactWriteItems':
    case 'TransactGetItems': {
      const items = Array.isArray(body['TransactItems']) ? body['TransactItems'] : [];
      return items.flatMap((item: unknown) =>
        isObject(item)
          ? Object.entries(item).flatMap(([kind, operationOf]) => {
              const table = isObject(operationOf) ? tableOf(operationOf['TableName']) : undefined;
              const action = operation === 'TransactGetItems' ? 'dynamodb:GetItem' : transactActions[kind];
              return table !== undefined && action !== undefined ? [{ action, table }] : [];
            })
          : [],
      );
    }
    case 'ExecuteStatement':
      return statementActions(body['Statement']);
    case 'BatchExecuteStatement':
      return (Array.isArray(body['Statements']) ? body['Statements'] : []).flatMap((s: unknown) => (isObject(s) ? statementActions(s['Statement']) : []));
    case 'ExecuteTransaction':
      return (Array.isArray(body['TransactStatements']) ? body['TransactStatements'] : []).flatMap((s: unknown) =>
        isObject(s) ? statementActions(s['Statement']) : [],
      );
    default: {
      const table = tableOf(body['TableName']) ?? tableOf(body['ResourceArn']);
      return table === undefined ? [] : [{ action: `dynamodb:${operation}`, table }];
    }
  }
};

/** Operations whose requested actions can include one of `denied`; only their bodies need reading. */
export const mayBeDenied = (operation: string, denied: ReadonlySet<string>): boolean => {
  if (operation === 'TransactWriteItems') return Object.values(transactActions).some((a) => denied.has(a));
  if (operation === 'ExecuteStatement' || operation === 'BatchExecuteStatement' || operation === 'ExecuteTransaction') {
    return Object.values(partiqlVerbs).some((a) => denied.has(a));
  }
  return denied.has(`dynamodb:${operation}`);
};

export interface AppendOnlyPolicy {
  /** Physical names of the append-only tables. */
  readonly tables: ReadonlySet<string>;
  readonly deniedActions: ReadonlySet<string>;
}

/** The policy of system/tables.ts, with the physical names the stack gives the tables. */
export const appendOnlyPolicy = (physicalName: (table: TableName) => string): AppendOnlyPolicy => ({
  tables: new Set(
    (Object.entries(tables) as [TableName, TableDefinition][]).filter(([, definition]) => definition.appendOnly === true).map(([name]) => physicalName(name)),
  ),
  deniedActions: new Set<string>(appendOnlyDeniedActions),
});

/** The message DynamoDB gives for an explicit deny in a resource-based policy. */
export const denialMessage = (action: string, resource: string, principal = 'local') =>
  `User: ${principal} is not authorized to perform: ${action} on resource: ${resource} with an explicit deny in a resource-based policy`;

/**
 * Whether the policy refuses the call, and with which action on which table; undefined lets it
 * through. `operation` is the part of `X-Amz-Target` after `DynamoDB_20120810.`.
 */
export const decide = (policy: AppendOnlyPolicy, operation: string, body: Json): Denial | undefined => {
  if (policy.tables.size === 0 || !mayBeDenied(operation, policy.deniedActions)) return undefined;
  for (const requested of requestedActions(operation, body, [...policy.tables])) {
    if (policy.tables.has(requested.table) && policy.deniedActions.has(requested.action)) {
      return { ...requested, message: denialMessage(requested.action, requested.table) };
    }
  }
  return undefined;
};

export interface DynamoDbProxy {
  readonly endpoint: string;
  readonly server: Server;
  close(): Promise<void>;
}

const targetPrefix = 'DynamoDB_20120810.';

const refuse = (res: ServerResponse, denial: Denial) => {
  const body = JSON.stringify({ __type: 'com.amazon.coral.service#AccessDeniedException', Message: denial.message });
  res.writeHead(400, {
    'Content-Type': 'application/x-amz-json-1.0',
    'Content-Length': Buffer.byteLength(body),
    'x-amzn-RequestId': randomUUID(),
  });
  res.end(body);
};

/** Starts the proxy on 127.0.0.1:`port`, forwarding to DynamoDB Local at `upstream`. */
export const startDynamoDbProxy = async (options: {
  port: number;
  upstream: string;
  policy: AppendOnlyPolicy;
  /** Called for every refused call (for the stack's log). */
  onDenied?: (denial: Denial) => void;
}): Promise<DynamoDbProxy> => {
  const upstream = new URL(options.upstream);
  const agent = new Agent({ keepAlive: true, maxSockets: 64 });

  const forward = (req: IncomingMessage, res: ServerResponse, body: Buffer | undefined) => {
    const headers = { ...req.headers };
    if (body !== undefined) {
      delete headers['transfer-encoding'];
      headers['content-length'] = String(body.length);
    }
    const upstreamRequest = request(
      { host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers, agent },
      (upstreamResponse) => {
        res.writeHead(upstreamResponse.statusCode ?? 502, upstreamResponse.headers);
        upstreamResponse.pipe(res);
      },
    );
    upstreamRequest.on('error', (error) => {
      if (res.headersSent) {
        res.destroy(error);
        return;
      }
      const payload = JSON.stringify({ __type: 'com.amazonaws.dynamodb.v20120810#InternalServerError', message: `DynamoDB Local is unreachable: ${error.message}` });
      res.writeHead(500, { 'Content-Type': 'application/x-amz-json-1.0', 'Content-Length': Buffer.byteLength(payload) });
      res.end(payload);
    });
    if (body === undefined) req.pipe(upstreamRequest);
    else upstreamRequest.end(body);
  };

  const server = createServer((req, res) => {
    const target = req.headers['x-amz-target'];
    const operation = typeof target === 'string' && target.startsWith(targetPrefix) ? target.slice(targetPrefix.length) : undefined;
    if (operation === undefined || !mayBeDenied(operation, options.policy.deniedActions)) {
      forward(req, res, undefined);
      return;
    }
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('error', () => res.destroy());
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      let parsed: unknown;
      try {
        parsed = JSON.parse(body.toString('utf8') || '{}');
      } catch {
        parsed = undefined;
      }
      // A body that is not JSON is DynamoDB Local's to refuse (SerializationException).
      const denial = isObject(parsed) ? decide(options.policy, operation, parsed) : undefined;
      if (denial !== undefined) {
        options.onDenied?.(denial);
        refuse(res, denial);
        return;
      }
      forward(req, res, body);
    });
  });
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => resolve());
  });
  return {
    endpoint: `http://127.0.0.1:${options.port}`,
    server,
    close: () =>
      new Promise<void>((done) => {
        server.close(() => done());
        server.closeAllConnections();
        agent.destroy();
      }),
  };
};
