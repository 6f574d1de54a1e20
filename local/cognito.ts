/**
 * cognito-local, embedded, with the bridges the stand-in lacks:
 * - messages: where Cognito would email a code through SES, the local pool sends it through the
 *   local SES stand-in, so codes land in `/_local/outbox` like every other email;
 * - the pool is created from the same definitions the CDK app uses (password policy, attributes,
 *   operators group, an app client with the password flow and token revocation);
 * - sessions, sign-out, disabled users and Cognito's own errors (local/cognito-bridges.ts):
 *   `origin_jti`, AdminUserGlobalSignOut / GlobalSignOut, AdminDisableUser stopping sign-in.
 * local/GAPS.md lists what still differs from AWS.
 */
import { createRequire } from 'node:module';
import type { Server } from 'node:http';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  CognitoIdentityProviderClient,
  CreateGroupCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  ListUserPoolClientsCommand,
  ListUserPoolsCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { SendEmailCommand, SESv2Client } from '@aws-sdk/client-sesv2';
import { operatorsGroup, tokenValidity } from '#system/auth';
import { passwordPolicy } from '#system/password-policy';
import { bridgeRouter, type CognitoLocalServices, type CognitoRouter } from './cognito-bridges';

const require = createRequire(import.meta.url);

interface CognitoMessage {
  __code?: string;
  emailSubject?: string;
  emailMessage?: string;
  smsMessage?: string;
}

export interface CognitoLocal {
  readonly endpoint: string;
  readonly server: Server;
  readonly userPoolId: string;
  readonly clientId: string;
  readonly issuer: string;
  readonly jwksUri: string;
}

const poolName = 'folio-local';

const sendCodeByEmail = async (ses: SESv2Client, from: string, to: string, message: CognitoMessage) => {
  const code = message.__code ?? '';
  const subject = message.emailSubject ?? 'Your verification code';
  const text = message.emailMessage ?? `Your verification code is ${code}`;
  await ses.send(
    new SendEmailCommand({
      FromEmailAddress: from,
      Destination: { ToAddresses: [to] },
      Content: {
        Simple: {
          Subject: { Data: subject },
          Body: { Text: { Data: text.includes(code) ? text : `${text}\n\nCode: ${code}` } },
          Headers: [{ Name: 'X-Folio-Category', Value: 'auth' }],
        },
      },
    }),
  );
};

export const startCognitoLocal = async (options: {
  port: number;
  dataDir: string;
  sesEndpoint: string;
  fromAddress: string;
}): Promise<CognitoLocal> => {
  const { port, dataDir, sesEndpoint, fromAddress } = options;
  mkdirSync(join(dataDir, 'db'), { recursive: true });
  const endpoint = `http://127.0.0.1:${port}`;
  // cognito-local is CommonJS and reads PORT/HOST at load time for its defaults; give it ours.
  const AWS = require('aws-sdk') as { Lambda: new (config: unknown) => unknown };
  const services = require('cognito-local/lib/services') as Record<string, new (...args: unknown[]) => unknown>;
  const { CognitoServiceFactoryImpl } = require('cognito-local/lib/services/cognitoService') as {
    CognitoServiceFactoryImpl: new (...args: unknown[]) => { create: (ctx: unknown, defaults: unknown) => Promise<unknown> };
  };
  const { StormDBDataStoreFactory } = require('cognito-local/lib/services/dataStore/stormDb') as { StormDBDataStoreFactory: new (dir: string) => unknown };
  const { MessageDeliveryService } = require('cognito-local/lib/services/messageDelivery/messageDelivery') as { MessageDeliveryService: new (sender: unknown) => unknown };
  const { otp } = require('cognito-local/lib/services/otp') as { otp: () => string };
  const { JwtTokenGenerator } = require('cognito-local/lib/services/tokenGenerator') as { JwtTokenGenerator: new (...args: unknown[]) => unknown };
  const { UserPoolServiceFactoryImpl } = require('cognito-local/lib/services/userPoolService') as { UserPoolServiceFactoryImpl: new (...args: unknown[]) => unknown };
  const { Router } = require('cognito-local/lib/server/Router') as { Router: (services: unknown) => CognitoRouter };
  const { createServer } = require('cognito-local/lib/server/server') as {
    createServer: (router: unknown, logger: unknown, options: unknown, services: unknown) => { start: () => Promise<Server> };
  };
  const pino = require('pino') as (options: unknown) => { child: () => unknown };

  const logger = pino({ level: 'error' });
  const ctx = { logger };
  const config = {
    LambdaClient: { credentials: { accessKeyId: 'local', secretAccessKey: 'local' }, region: 'local' },
    TriggerFunctions: {},
    UserPoolDefaults: { UsernameAttributes: ['email'] },
    TokenConfig: { IssuerDomain: endpoint },
    KMSConfig: { credentials: { accessKeyId: 'local', secretAccessKey: 'local' }, region: 'local' },
    ServerConfig: { port, hostname: '127.0.0.1', development: false, https: false },
  };
  const ses = new SESv2Client({
    endpoint: sesEndpoint,
    region: 'eu-central-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  const sender = {
    sendEmail: (_ctx: unknown, _user: unknown, destination: string, message: CognitoMessage) =>
      sendCodeByEmail(ses, fromAddress, destination, message),
    // folio's pool verifies email only; an SMS code would be a configuration error.
    sendSms: async () => {
      throw new Error('the folio user pool sends no SMS codes');
    },
  };

  const clock = new services['DateClock']!();
  const dataDirectory = join(dataDir, 'db');
  const dataStoreFactory = new StormDBDataStoreFactory(dataDirectory);
  const cognitoServiceFactory = new CognitoServiceFactoryImpl(
    dataDirectory,
    dataStoreFactory,
    new UserPoolServiceFactoryImpl(clock, dataStoreFactory),
  );
  const cognitoClient = await cognitoServiceFactory.create(ctx, config.UserPoolDefaults);
  const triggers = new services['TriggersService']!(
    clock,
    cognitoClient,
    new services['LambdaService']!(config.TriggerFunctions, new AWS.Lambda(config.LambdaClient)),
    undefined,
  );
  const allServices = {
    clock,
    cognito: cognitoClient,
    config,
    messages: new services['MessagesService']!(triggers, new MessageDeliveryService(sender)),
    otp,
    tokenGenerator: new JwtTokenGenerator(clock, triggers, config.TokenConfig),
    triggers,
  };
  const router = bridgeRouter(Router(allServices), allServices as unknown as CognitoLocalServices);
  const server = await createServer(router, logger, config.ServerConfig, allServices).start();

  const client = new CognitoIdentityProviderClient({
    endpoint,
    region: 'eu-central-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  const { userPoolId, clientId } = await ensurePool(client);
  const issuer = `${endpoint}/${userPoolId}`;
  return { endpoint, server, userPoolId, clientId, issuer, jwksUri: `${issuer}/.well-known/jwks.json` };
};

/** Creates the pool, its client and the operators group once; a restart with kept data reuses them. */
const ensurePool = async (client: CognitoIdentityProviderClient) => {
  const pools = await client.send(new ListUserPoolsCommand({ MaxResults: 60 }));
  let userPoolId = pools.UserPools?.find((p) => p.Name === poolName)?.Id;
  if (userPoolId === undefined) {
    const created = await client.send(
      new CreateUserPoolCommand({
        PoolName: poolName,
        UsernameAttributes: ['email'],
        AutoVerifiedAttributes: ['email'],
        Policies: {
          PasswordPolicy: {
            MinimumLength: passwordPolicy.minLength,
            RequireLowercase: passwordPolicy.requireLowercase,
            RequireUppercase: passwordPolicy.requireUppercase,
            RequireNumbers: passwordPolicy.requireDigits,
            RequireSymbols: passwordPolicy.requireSymbols,
          },
        },
      }),
    );
    userPoolId = created.UserPool?.Id;
    if (userPoolId === undefined) throw new Error('cognito-local created no user pool');
    await client.send(new CreateGroupCommand({ UserPoolId: userPoolId, GroupName: operatorsGroup }));
  }
  const clients = await client.send(new ListUserPoolClientsCommand({ UserPoolId: userPoolId, MaxResults: 60 }));
  let clientId = clients.UserPoolClients?.find((c) => c.ClientName === 'api')?.ClientId;
  if (clientId === undefined) {
    const created = await client.send(
      new CreateUserPoolClientCommand({
        UserPoolId: userPoolId,
        ClientName: 'api',
        ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
        EnableTokenRevocation: true,
        PreventUserExistenceErrors: 'ENABLED',
        AccessTokenValidity: tokenValidity.accessTokenMinutes,
        IdTokenValidity: tokenValidity.idTokenMinutes,
        RefreshTokenValidity: tokenValidity.refreshTokenDays,
        TokenValidityUnits: { AccessToken: 'minutes', IdToken: 'minutes', RefreshToken: 'days' },
      }),
    );
    clientId = created.UserPoolClient?.ClientId;
    if (clientId === undefined) throw new Error('cognito-local created no app client');
  }
  return { userPoolId, clientId };
};
