/**
 * The Cognito bridges around cognito-local's router, without a server: a fake user pool and a
 * fake router stand in for cognito-local's.
 */
import { describe, expect, it } from 'vitest';
import {
  bridgeRouter,
  type CognitoLocalServices,
  type CognitoLocalUser,
  type CognitoRouter,
  decodeJwt,
  messages,
  originOf,
  policyViolation,
  signJwt,
  verifyJwt,
  withSession,
} from '../../local/cognito-bridges';

const now = 1_800_000_000;
const header = { alg: 'RS256', typ: 'JWT', kid: 'CognitoLocal' };
const refreshToken = (jti: string, iat = now - 600, exp = now + 3600) => signJwt(header, { 'cognito:username': 'u-1', iat, exp, jti });
const accessToken = (origin: string, exp = now + 600) =>
  signJwt(header, { sub: 'u-1', client_id: 'client', token_use: 'access', iat: now, exp, jti: 'a', auth_time: now, origin_jti: origin });

const setup = (user: Partial<CognitoLocalUser> = {}) => {
  const users = new Map<string, CognitoLocalUser>([['u-1', { Username: 'u-1', Password: 'Right-Password-1!', Enabled: true, UserStatus: 'CONFIRMED', RefreshTokens: [], ...user }]]);
  const pool = {
    getUserByUsername: async (_ctx: unknown, name: string) => users.get(name === 'a@example.com' ? 'u-1' : name) ?? null,
    saveUser: async (_ctx: unknown, saved: CognitoLocalUser) => void users.set(saved.Username, saved),
  };
  const services: CognitoLocalServices = { cognito: { getUserPool: async () => pool, getUserPoolForClientId: async () => pool } };
  const calls: string[] = [];
  const issued = refreshToken('issued-jti', now, now + 3600);
  const base: CognitoRouter = (target) => async (_ctx, req) => {
    calls.push(target);
    if (target === 'InitiateAuth') {
      const access = signJwt(header, { sub: 'u-1', token_use: 'access', auth_time: now, iat: now, exp: now + 900, jti: 'new-access' });
      const id = signJwt(header, { sub: 'u-1', token_use: 'id', auth_time: now, iat: now, exp: now + 900, jti: 'new-id' });
      const refreshing = (req['AuthFlow'] as string).startsWith('REFRESH');
      return { AuthenticationResult: { AccessToken: access, IdToken: id, ...(refreshing ? {} : { RefreshToken: issued }) } };
    }
    return {};
  };
  const router = bridgeRouter(base, services, () => now);
  const ctx = { logger: undefined };
  return { users, router, ctx, calls, issued };
};

const claims = (token: unknown) => decodeJwt(String(token))?.payload ?? {};

describe('tokens', () => {
  it('re-signs a token with the session, verifiably, keeping its header and other claims', () => {
    const token = signJwt(header, { sub: 's', iat: now, exp: now + 60, auth_time: now });
    const stamped = withSession(token, { jti: 'origin', authTime: now - 100 });
    expect(decodeJwt(stamped)?.header).toEqual(header);
    expect(verifyJwt(stamped, now)).toMatchObject({ sub: 's', origin_jti: 'origin', auth_time: now - 100, iat: now });
  });

  it('tells forged, malformed and expired tokens apart', () => {
    const token = refreshToken('j');
    expect(verifyJwt(`${token.slice(0, token.lastIndexOf('.'))}.AAAA`, now)).toBe('invalid');
    expect(verifyJwt('nope', now)).toBe('invalid');
    expect(verifyJwt(refreshToken('j', now - 100, now - 1), now)).toBe('expired');
    expect(originOf(token)).toEqual({ jti: 'j', authTime: now - 600 });
  });

  it('words policy violations as Cognito does', () => {
    expect(policyViolation('Sh0rt!')).toBe('Password did not conform with policy: Password not long enough');
    expect(policyViolation('nouppercase-123!')).toBe('Password did not conform with policy: Password must have uppercase characters');
    expect(policyViolation('No-Symbols-Here1'.replace(/-/g, 'x'))).toBe('Password did not conform with policy: Password must have symbol characters');
    expect(policyViolation('Good-Password-1!')).toBeUndefined();
    expect(policyViolation(undefined)).toBeUndefined();
  });
});

describe('the bridged router', () => {
  it('stamps a sign-in with the issued refresh token’s jti, and a refresh with the presented one’s jti and iat', async () => {
    const presented = refreshToken('first-jti');
    const { router, ctx } = setup({ RefreshTokens: [presented] });
    const signIn = await router('InitiateAuth')(ctx, { ClientId: 'c', AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'a@example.com', PASSWORD: 'Right-Password-1!' } });
    const result = signIn['AuthenticationResult'] as Record<string, string>;
    expect(claims(result['AccessToken'])).toMatchObject({ origin_jti: 'issued-jti', auth_time: now });
    expect(claims(result['IdToken'])).toMatchObject({ origin_jti: 'issued-jti' });

    const refreshed = await router('InitiateAuth')(ctx, { ClientId: 'c', AuthFlow: 'REFRESH_TOKEN_AUTH', AuthParameters: { REFRESH_TOKEN: presented } });
    const renewed = refreshed['AuthenticationResult'] as Record<string, string>;
    expect(claims(renewed['AccessToken'])).toMatchObject({ origin_jti: 'first-jti', auth_time: now - 600, iat: now });
    expect(claims(renewed['IdToken'])).toMatchObject({ origin_jti: 'first-jti', auth_time: now - 600 });
  });

  it('refuses bad credentials and disabled users before cognito-local sees them', async () => {
    const { router, ctx, calls } = setup({ Enabled: false });
    const signIn = (password: string, username = 'a@example.com') =>
      router('InitiateAuth')(ctx, { ClientId: 'c', AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: username, PASSWORD: password } });
    await expect(signIn('wrong')).rejects.toMatchObject({ code: 'NotAuthorizedException', message: messages.badCredentials });
    await expect(signIn('x', 'nobody@example.com')).rejects.toMatchObject({ code: 'NotAuthorizedException', message: messages.badCredentials });
    await expect(signIn('Right-Password-1!')).rejects.toMatchObject({ code: 'NotAuthorizedException', message: messages.disabled });
    expect(calls).toEqual([]);
  });

  it('signs a user out everywhere and then refuses their refresh and access tokens', async () => {
    const token = refreshToken('session');
    const { router, ctx, users } = setup({ RefreshTokens: [token] });
    await expect(router('GetUser')(ctx, { AccessToken: accessToken('session') })).resolves.toEqual({});
    await router('AdminUserGlobalSignOut')(ctx, { UserPoolId: 'p', Username: 'u-1' });
    expect(users.get('u-1')?.RefreshTokens).toEqual([]);
    await expect(router('InitiateAuth')(ctx, { ClientId: 'c', AuthFlow: 'REFRESH_TOKEN_AUTH', AuthParameters: { REFRESH_TOKEN: token } })).rejects.toMatchObject({
      code: 'NotAuthorizedException',
      message: messages.refreshRevoked,
    });
    await expect(router('GetUser')(ctx, { AccessToken: accessToken('session') })).rejects.toMatchObject({ message: messages.accessRevoked });
    await expect(router('GetUser')(ctx, { AccessToken: accessToken('session', now - 1) })).rejects.toMatchObject({ message: messages.accessExpired });
    await expect(router('AdminUserGlobalSignOut')(ctx, { UserPoolId: 'p', Username: 'ghost' })).rejects.toMatchObject({ code: 'UserNotFoundException' });
  });

  it('checks the password policy and the previous password of ChangePassword', async () => {
    const { router, ctx, calls } = setup({ RefreshTokens: [refreshToken('session')] });
    await expect(router('SignUp')(ctx, { Password: 'weak' })).rejects.toMatchObject({ code: 'InvalidPasswordException' });
    await expect(router('ChangePassword')(ctx, { AccessToken: accessToken('session'), PreviousPassword: 'wrong', ProposedPassword: 'Good-Password-1!' })).rejects.toMatchObject({
      code: 'NotAuthorizedException',
      message: messages.badCredentials,
    });
    await router('ChangePassword')(ctx, { AccessToken: accessToken('session'), PreviousPassword: 'Right-Password-1!', ProposedPassword: 'Good-Password-1!' });
    expect(calls).toEqual(['ChangePassword']);
  });
});
