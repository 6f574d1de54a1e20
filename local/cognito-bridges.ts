/**
 * What cognito-local lacks and AWS Cognito does, bridged around cognito-local's Router (the
 * function that turns an `X-Amz-Target` into a handler) so that none of its code is patched:
 *
 * - sessions: tokens carry `origin_jti` (the jti of the refresh token the session started with,
 *   as Cognito sets it when the app client has token revocation on) in the access and ID token;
 *   a refreshed access token keeps the session's `origin_jti` and the `auth_time` of the
 *   original sign-in;
 * - refresh tokens are checked like Cognito checks them (signature, expiry, revocation);
 * - `AdminUserGlobalSignOut` and `GlobalSignOut` revoke every refresh token of the user, and
 *   access tokens presented to Cognito's own user APIs (GetUser, ChangePassword, ...) are refused
 *   once their session's refresh token is revoked;
 * - a disabled user cannot sign in or refresh (NotAuthorizedException "User is disabled."), and
 *   `AdminDisableUser` revokes the user's tokens as Cognito does;
 * - a wrong password or an unknown user is NotAuthorizedException "Incorrect username or
 *   password." (cognito-local answers InvalidPasswordException, which means a policy violation);
 * - passwords are checked against the pool's password policy (system/password-policy.ts, the
 *   same one the pool is created with) with Cognito's InvalidPasswordException.
 *
 * cognito-local's refresh tokens are JWTs it signs with its own key; the bridge reads them and
 * re-signs the access and ID tokens it amends with the same key, so the JWKS still verifies them.
 */
import { createPrivateKey, createPublicKey, type KeyObject, sign, verify } from 'node:crypto';
import { createRequire } from 'node:module';
import { passwordRulesBroken, type PasswordRuleBroken } from '#system/password-policy';

const require = createRequire(import.meta.url);

type Json = Record<string, unknown>;

export interface CognitoLocalUser {
  readonly Username: string;
  readonly Password?: string;
  readonly Enabled?: boolean;
  readonly UserStatus?: string;
  readonly RefreshTokens?: readonly string[];
  readonly [field: string]: unknown;
}

interface Ctx {
  readonly logger: unknown;
}

export interface CognitoLocalUserPool {
  getUserByUsername(ctx: Ctx, username: string): Promise<CognitoLocalUser | null>;
  saveUser(ctx: Ctx, user: CognitoLocalUser): Promise<void>;
}

export interface CognitoLocalServices {
  readonly cognito: {
    getUserPool(ctx: Ctx, userPoolId: string): Promise<CognitoLocalUserPool>;
    getUserPoolForClientId(ctx: Ctx, clientId: string): Promise<CognitoLocalUserPool>;
  };
}

export type Target = (ctx: Ctx, req: Json) => Promise<Json>;
export type CognitoRouter = (target: string) => Target;

interface CognitoErrors {
  CognitoError: new (code: string, message: string) => Error;
  NotAuthorizedError: new (message?: string) => Error;
  UserNotFoundError: new (message?: string) => Error;
}

// The server answers 400 with the error's code only for instances of its own CognitoError.
const errors = require('cognito-local/lib/errors') as CognitoErrors;
const keys = {
  private: createPrivateKey((require('cognito-local/lib/keys/cognitoLocal.private.json') as { pem: string }).pem),
  public: createPublicKey((require('cognito-local/lib/keys/cognitoLocal.public.json') as { pem: string }).pem),
};

const notAuthorized = (message: string) => new errors.NotAuthorizedError(message);

export const messages = {
  badCredentials: 'Incorrect username or password.',
  disabled: 'User is disabled.',
  refreshInvalid: 'Invalid Refresh Token',
  refreshExpired: 'Refresh Token has expired',
  refreshRevoked: 'Refresh Token has been revoked',
  accessInvalid: 'Invalid Access Token',
  accessExpired: 'Access Token has expired',
  accessRevoked: 'Access Token has been revoked',
} as const;

// --- JWTs -------------------------------------------------------------------------------------

interface Jwt {
  readonly header: Json;
  readonly payload: Json;
}

const base64url = (value: Json) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** The JWT's header and claims, or undefined when it is not a JWT at all. No signature check. */
export const decodeJwt = (token: string): Jwt | undefined => {
  const [header, payload, signature] = token.split('.');
  if (header === undefined || payload === undefined || signature === undefined) return undefined;
  try {
    const decoded = { header: JSON.parse(Buffer.from(header, 'base64url').toString('utf8')) as unknown, payload: JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as unknown };
    if (typeof decoded.header !== 'object' || decoded.header === null || typeof decoded.payload !== 'object' || decoded.payload === null) return undefined;
    return decoded as Jwt;
  } catch {
    return undefined;
  }
};

/** Verifies a token signed by cognito-local: its claims, `expired`, or `invalid`. */
export const verifyJwt = (token: string, nowSeconds: number, publicKey: KeyObject = keys.public): Json | 'invalid' | 'expired' => {
  const decoded = decodeJwt(token);
  if (decoded === undefined || decoded.header['alg'] !== 'RS256') return 'invalid';
  const cut = token.lastIndexOf('.');
  const signed = verify('sha256', Buffer.from(token.slice(0, cut)), publicKey, Buffer.from(token.slice(cut + 1), 'base64url'));
  if (!signed) return 'invalid';
  const exp = decoded.payload['exp'];
  if (typeof exp === 'number' && exp <= nowSeconds) return 'expired';
  return decoded.payload;
};

/** Signs claims with cognito-local's key, keeping the header (kid) the token had. */
export const signJwt = (header: Json, payload: Json, privateKey: KeyObject = keys.private): string => {
  const input = `${base64url(header)}.${base64url(payload)}`;
  return `${input}.${sign('sha256', Buffer.from(input), privateKey).toString('base64url')}`;
};

export interface SessionOrigin {
  /** The jti of the refresh token the session started with. */
  readonly jti: string;
  /** When the session's user signed in (the refresh token's `iat`), epoch seconds. */
  readonly authTime: number;
}

/** The session a refresh token stands for: its jti and its issue time. */
export const originOf = (refreshToken: string): SessionOrigin | undefined => {
  const claims = decodeJwt(refreshToken)?.payload;
  const jti = claims?.['jti'];
  const iat = claims?.['iat'];
  return typeof jti === 'string' && typeof iat === 'number' ? { jti, authTime: iat } : undefined;
};

/** The token with `origin_jti` and `auth_time` of the session, re-signed. */
export const withSession = (token: string, origin: SessionOrigin): string => {
  const decoded = decodeJwt(token);
  if (decoded === undefined) return token;
  return signJwt(decoded.header, { ...decoded.payload, origin_jti: origin.jti, auth_time: origin.authTime });
};

// --- Password policy --------------------------------------------------------------------------

const policyMessages: Record<PasswordRuleBroken['rule'], string> = {
  minLength: 'Password not long enough',
  maxLength: 'Password is too long',
  lowercase: 'Password must have lowercase characters',
  uppercase: 'Password must have uppercase characters',
  digit: 'Password must have numeric characters',
  symbol: 'Password must have symbol characters',
};

/** Cognito's InvalidPasswordException message for a password that breaks the policy, if it does. */
export const policyViolation = (password: unknown): string | undefined => {
  if (typeof password !== 'string') return undefined;
  const [first] = passwordRulesBroken(password);
  return first === undefined ? undefined : `Password did not conform with policy: ${policyMessages[first.rule]}`;
};

/** The password a call sets, for the targets that set one. */
const passwordSetBy = (target: string, req: Json): unknown => {
  switch (target) {
    case 'SignUp':
    case 'AdminSetUserPassword':
    case 'ConfirmForgotPassword':
      return req['Password'];
    case 'ChangePassword':
      return req['ProposedPassword'];
    case 'AdminCreateUser':
      return req['TemporaryPassword'];
    case 'RespondToAuthChallenge':
      return req['ChallengeName'] === 'NEW_PASSWORD_REQUIRED' ? (req['ChallengeResponses'] as Json | undefined)?.['NEW_PASSWORD'] : undefined;
    default:
      return undefined;
  }
};

// --- The router -------------------------------------------------------------------------------

/** Cognito's user APIs authorised by an access token rather than by IAM. */
const accessTokenTargets = new Set([
  'GetUser',
  'ChangePassword',
  'DeleteUser',
  'DeleteUserAttributes',
  'UpdateUserAttributes',
  'GetUserAttributeVerificationCode',
  'VerifyUserAttribute',
  'SetUserMFAPreference',
  'AssociateSoftwareToken',
  'VerifySoftwareToken',
  'GlobalSignOut',
]);

const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

const refreshJtis = (user: CognitoLocalUser): Set<string> =>
  new Set((user.RefreshTokens ?? []).map((token) => originOf(token)?.jti).filter((jti): jti is string => jti !== undefined));

const revokeAll = (pool: CognitoLocalUserPool, ctx: Ctx, user: CognitoLocalUser) => pool.saveUser(ctx, { ...user, RefreshTokens: [] });

/** Amends the tokens of an auth result with the session's `origin_jti` and `auth_time`. */
const stampSession = (output: Json, presented: SessionOrigin | undefined): Json => {
  const result = output['AuthenticationResult'] as Json | undefined;
  const access = text(result?.['AccessToken']);
  if (result === undefined || access === undefined) return output;
  const issued = text(result['RefreshToken']);
  const origin = issued !== undefined ? originOf(issued) : presented;
  if (origin === undefined) return output;
  const id = text(result['IdToken']);
  return {
    ...output,
    AuthenticationResult: { ...result, AccessToken: withSession(access, origin), ...(id !== undefined && { IdToken: withSession(id, origin) }) },
  };
};

/**
 * cognito-local's router with the bridges above. `now` gives epoch seconds (tests may fix it).
 */
export const bridgeRouter = (base: CognitoRouter, services: CognitoLocalServices, now: () => number = () => Math.floor(Date.now() / 1000)): CognitoRouter => {
  const { cognito } = services;

  /** The user behind an access token, once the token is genuine, current and not revoked. */
  const userOfAccessToken = async (ctx: Ctx, token: string) => {
    const claims = verifyJwt(token, now());
    if (claims === 'expired') throw notAuthorized(messages.accessExpired);
    if (claims === 'invalid' || claims['token_use'] !== 'access' || typeof claims['client_id'] !== 'string' || typeof claims['sub'] !== 'string') {
      throw notAuthorized(messages.accessInvalid);
    }
    const pool = await cognito.getUserPoolForClientId(ctx, claims['client_id']);
    const user = await pool.getUserByUsername(ctx, claims['sub']);
    if (user === null) throw notAuthorized(messages.accessInvalid);
    if (user.Enabled === false) throw notAuthorized(messages.disabled);
    const origin = claims['origin_jti'];
    if (typeof origin === 'string' && !refreshJtis(user).has(origin)) throw notAuthorized(messages.accessRevoked);
    return { pool, user };
  };

  /** Checks a sign-in with a password before cognito-local sees it. */
  const checkPasswordSignIn = async (ctx: Ctx, req: Json) => {
    const params = req['AuthParameters'] as Json | undefined;
    const username = text(params?.['USERNAME']);
    const clientId = text(req['ClientId']);
    if (username === undefined || clientId === undefined) return;
    const pool = await cognito.getUserPoolForClientId(ctx, clientId);
    const user = await pool.getUserByUsername(ctx, username);
    if (user === null) throw notAuthorized(messages.badCredentials);
    if (user.UserStatus === 'RESET_REQUIRED') return;
    if (user.Password !== params?.['PASSWORD']) throw notAuthorized(messages.badCredentials);
    if (user.Enabled === false) throw notAuthorized(messages.disabled);
  };

  /** Checks a presented refresh token as Cognito does; returns the session it belongs to. */
  const checkRefresh = async (ctx: Ctx, req: Json): Promise<SessionOrigin | undefined> => {
    const token = text((req['AuthParameters'] as Json | undefined)?.['REFRESH_TOKEN']);
    const clientId = text(req['ClientId']);
    if (token === undefined || clientId === undefined) return undefined;
    const claims = verifyJwt(token, now());
    if (claims === 'expired') throw notAuthorized(messages.refreshExpired);
    const username = claims === 'invalid' ? undefined : text(claims['cognito:username']);
    const origin = originOf(token);
    if (username === undefined || origin === undefined) throw notAuthorized(messages.refreshInvalid);
    const pool = await cognito.getUserPoolForClientId(ctx, clientId);
    const user = await pool.getUserByUsername(ctx, username);
    if (user?.Enabled === false) throw notAuthorized(messages.disabled);
    if (user === null || !(user.RefreshTokens ?? []).includes(token)) throw notAuthorized(messages.refreshRevoked);
    return origin;
  };

  return (target) => {
    const handle: Target = async (ctx, req) => {
      const violation = policyViolation(passwordSetBy(target, req));

      if (accessTokenTargets.has(target) && typeof req['AccessToken'] === 'string') {
        const { pool, user } = await userOfAccessToken(ctx, req['AccessToken']);
        if (target === 'GlobalSignOut') {
          await revokeAll(pool, ctx, user);
          return {};
        }
        if (target === 'ChangePassword' && user.Password !== req['PreviousPassword']) throw notAuthorized(messages.badCredentials);
      }
      if (violation !== undefined) throw new errors.CognitoError('InvalidPasswordException', violation);

      switch (target) {
        case 'InitiateAuth':
        case 'AdminInitiateAuth': {
          const flow = req['AuthFlow'];
          if (flow === 'USER_PASSWORD_AUTH' || flow === 'ADMIN_USER_PASSWORD_AUTH' || flow === 'ADMIN_NO_SRP_AUTH') {
            await checkPasswordSignIn(ctx, req);
            return stampSession(await base(target)(ctx, req), undefined);
          }
          if (flow === 'REFRESH_TOKEN_AUTH' || flow === 'REFRESH_TOKEN') {
            const origin = await checkRefresh(ctx, req);
            return stampSession(await base(target)(ctx, req), origin);
          }
          return base(target)(ctx, req);
        }
        case 'RespondToAuthChallenge':
        case 'AdminRespondToAuthChallenge':
          return stampSession(await base(target)(ctx, req), undefined);
        case 'AdminUserGlobalSignOut':
        case 'AdminDisableUser': {
          const userPoolId = text(req['UserPoolId']);
          const username = text(req['Username']);
          if (userPoolId === undefined || username === undefined) throw new errors.CognitoError('InvalidParameterException', 'UserPoolId and Username are required');
          const output = target === 'AdminDisableUser' ? await base(target)(ctx, req) : {};
          const pool = await cognito.getUserPool(ctx, userPoolId);
          const user = await pool.getUserByUsername(ctx, username);
          if (user === null) throw new errors.UserNotFoundError('User does not exist.');
          await revokeAll(pool, ctx, user);
          return output;
        }
        default:
          return base(target)(ctx, req);
      }
    };
    return handle;
  };
};
