/**
 * The local user pool behaves like Cognito where cognito-local alone does not: sessions
 * (`origin_jti`, `auth_time` across refreshes), global sign-out, disabled users, and Cognito's
 * own errors for bad credentials and weak passwords. Real SDK client against the local pool.
 */
import { randomUUID } from 'node:crypto';
import {
  AdminCreateUserCommand,
  AdminDisableUserCommand,
  AdminEnableUserCommand,
  AdminSetUserPasswordCommand,
  AdminUserGlobalSignOutCommand,
  CognitoIdentityProviderClient,
  GetUserCommand,
  GlobalSignOutCommand,
  InitiateAuthCommand,
  RevokeTokenCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { JwtRsaVerifier } from 'aws-jwt-verify';
import { beforeAll, describe, expect, it } from 'vitest';
import { awsClientConfig, type StackInfo, stackInfo } from '../support/api';

const password = 'Bridge-Test-Pass1!';

let info: StackInfo;
let cognito: CognitoIdentityProviderClient;

beforeAll(async () => {
  info = await stackInfo();
  cognito = new CognitoIdentityProviderClient(awsClientConfig(info.endpoints.cognito));
});

const claimsOf = (jwt: string | undefined): Record<string, unknown> =>
  JSON.parse(Buffer.from((jwt ?? '').split('.')[1] ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;

const newUser = async (): Promise<string> => {
  const email = `bridge-${randomUUID()}@example.com`;
  await cognito.send(
    new AdminCreateUserCommand({
      UserPoolId: info.userPoolId,
      Username: email,
      MessageAction: 'SUPPRESS',
      UserAttributes: [
        { Name: 'email', Value: email },
        { Name: 'email_verified', Value: 'true' },
      ],
    }),
  );
  await cognito.send(new AdminSetUserPasswordCommand({ UserPoolId: info.userPoolId, Username: email, Password: password, Permanent: true }));
  return email;
};

const signIn = async (email: string, withPassword = password) => {
  const result = await cognito.send(
    new InitiateAuthCommand({ ClientId: info.clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: email, PASSWORD: withPassword } }),
  );
  const tokens = result.AuthenticationResult;
  if (!tokens?.AccessToken || !tokens.IdToken || !tokens.RefreshToken) throw new Error('sign-in returned no tokens');
  return { accessToken: tokens.AccessToken, idToken: tokens.IdToken, refreshToken: tokens.RefreshToken };
};

const refresh = async (refreshToken: string) => {
  const result = await cognito.send(new InitiateAuthCommand({ ClientId: info.clientId, AuthFlow: 'REFRESH_TOKEN_AUTH', AuthParameters: { REFRESH_TOKEN: refreshToken } }));
  return { accessToken: result.AuthenticationResult?.AccessToken ?? '', idToken: result.AuthenticationResult?.IdToken ?? '' };
};

const notAuthorized = (message: string) => ({ name: 'NotAuthorizedException', message });

describe('the local user pool, bridged', () => {
  it('puts the session’s origin_jti in access and ID tokens, and keeps it and auth_time across a refresh', async () => {
    const email = await newUser();
    const first = await signIn(email);
    const refreshClaims = claimsOf(first.refreshToken);
    const access = claimsOf(first.accessToken);
    const id = claimsOf(first.idToken);
    expect(typeof refreshClaims['jti']).toBe('string');
    expect(access['origin_jti']).toBe(refreshClaims['jti']);
    expect(id['origin_jti']).toBe(refreshClaims['jti']);
    expect(access['auth_time']).toBe(refreshClaims['iat']);
    expect(access['jti']).not.toBe(refreshClaims['jti']);

    // Let the clock move on, so a refresh-time auth_time would show.
    await new Promise((r) => setTimeout(r, 1_100));
    const renewed = await refresh(first.refreshToken);
    const renewedAccess = claimsOf(renewed.accessToken);
    const renewedId = claimsOf(renewed.idToken);
    expect(renewedAccess['origin_jti']).toBe(refreshClaims['jti']);
    expect(renewedId['origin_jti']).toBe(refreshClaims['jti']);
    expect(renewedAccess['auth_time']).toBe(access['auth_time']);
    expect(renewedId['auth_time']).toBe(access['auth_time']);
    expect(renewedAccess['iat']).toBeGreaterThan(access['auth_time'] as number);
    expect(renewedAccess['jti']).not.toBe(access['jti']);

    // The amended tokens are still signed by the pool's key (what the gateway's authorizer checks).
    const issuer = `${info.endpoints.cognito}/${info.userPoolId}`;
    const jwksUri = `${issuer}/.well-known/jwks.json`;
    const accessVerifier = JwtRsaVerifier.create({ issuer, audience: null, jwksUri });
    const idVerifier = JwtRsaVerifier.create({ issuer, audience: info.clientId, jwksUri });
    // aws-jwt-verify fetches over https only; the local pool serves its keys over http.
    const jwks = (await (await fetch(jwksUri)).json()) as Parameters<typeof accessVerifier.cacheJwks>[0];
    accessVerifier.cacheJwks(jwks);
    idVerifier.cacheJwks(jwks);
    await expect(accessVerifier.verify(renewed.accessToken)).resolves.toMatchObject({ origin_jti: refreshClaims['jti'], token_use: 'access' });
    await expect(idVerifier.verify(renewed.idToken)).resolves.toMatchObject({ origin_jti: refreshClaims['jti'], token_use: 'id', email });
  });

  it('AdminUserGlobalSignOut revokes every refresh token of the user, and their sessions’ access tokens', async () => {
    const email = await newUser();
    const one = await signIn(email);
    const two = await signIn(email);
    await expect(refresh(one.refreshToken)).resolves.toBeDefined();
    await expect(cognito.send(new GetUserCommand({ AccessToken: two.accessToken }))).resolves.toBeDefined();

    await cognito.send(new AdminUserGlobalSignOutCommand({ UserPoolId: info.userPoolId, Username: email }));

    await expect(refresh(one.refreshToken)).rejects.toMatchObject(notAuthorized('Refresh Token has been revoked'));
    await expect(refresh(two.refreshToken)).rejects.toMatchObject(notAuthorized('Refresh Token has been revoked'));
    await expect(cognito.send(new GetUserCommand({ AccessToken: two.accessToken }))).rejects.toMatchObject(notAuthorized('Access Token has been revoked'));
    // Signing in again starts a new session.
    const three = await signIn(email);
    await expect(refresh(three.refreshToken)).resolves.toBeDefined();
  });

  it('GlobalSignOut with an access token signs the user out everywhere', async () => {
    const email = await newUser();
    const one = await signIn(email);
    const two = await signIn(email);
    await cognito.send(new GlobalSignOutCommand({ AccessToken: one.accessToken }));
    await expect(refresh(one.refreshToken)).rejects.toMatchObject(notAuthorized('Refresh Token has been revoked'));
    await expect(refresh(two.refreshToken)).rejects.toMatchObject(notAuthorized('Refresh Token has been revoked'));
    await expect(cognito.send(new GlobalSignOutCommand({ AccessToken: one.accessToken }))).rejects.toMatchObject(notAuthorized('Access Token has been revoked'));
  });

  it('RevokeToken ends one session only', async () => {
    const email = await newUser();
    const one = await signIn(email);
    const two = await signIn(email);
    await cognito.send(new RevokeTokenCommand({ ClientId: info.clientId, Token: one.refreshToken }));
    await expect(refresh(one.refreshToken)).rejects.toMatchObject({ name: 'NotAuthorizedException' });
    await expect(cognito.send(new GetUserCommand({ AccessToken: one.accessToken }))).rejects.toMatchObject(notAuthorized('Access Token has been revoked'));
    await expect(cognito.send(new GetUserCommand({ AccessToken: two.accessToken }))).resolves.toMatchObject({ Username: expect.any(String) });
    await expect(refresh(two.refreshToken)).resolves.toBeDefined();
  });

  it('AdminDisableUser stops sign-in and refresh with "User is disabled."; AdminEnableUser lets the user sign in again', async () => {
    const email = await newUser();
    const before = await signIn(email);
    await cognito.send(new AdminDisableUserCommand({ UserPoolId: info.userPoolId, Username: email }));

    await expect(signIn(email)).rejects.toMatchObject(notAuthorized('User is disabled.'));
    await expect(refresh(before.refreshToken)).rejects.toMatchObject(notAuthorized('User is disabled.'));

    await cognito.send(new AdminEnableUserCommand({ UserPoolId: info.userPoolId, Username: email }));
    const after = await signIn(email);
    expect(claimsOf(after.accessToken)['origin_jti']).toBe(claimsOf(after.refreshToken)['jti']);
    await expect(refresh(after.refreshToken)).resolves.toBeDefined();
    // Disabling revoked the tokens the user had.
    await expect(refresh(before.refreshToken)).rejects.toMatchObject(notAuthorized('Refresh Token has been revoked'));
  });

  it('answers a wrong password or an unknown user with Cognito’s NotAuthorizedException', async () => {
    const email = await newUser();
    await expect(signIn(email, `${password}x`)).rejects.toMatchObject(notAuthorized('Incorrect username or password.'));
    await expect(signIn(`bridge-${randomUUID()}@example.com`)).rejects.toMatchObject(notAuthorized('Incorrect username or password.'));
  });

  it('refuses a refresh token it did not issue', async () => {
    const email = await newUser();
    const { refreshToken } = await signIn(email);
    const [header, payload] = refreshToken.split('.');
    await expect(refresh(`${header}.${payload}.${Buffer.from('forged').toString('base64url')}`)).rejects.toMatchObject(notAuthorized('Invalid Refresh Token'));
    await expect(refresh('not-a-token')).rejects.toMatchObject(notAuthorized('Invalid Refresh Token'));
  });

  it('enforces the pool’s password policy with InvalidPasswordException', async () => {
    const email = await newUser();
    await expect(
      cognito.send(new AdminSetUserPasswordCommand({ UserPoolId: info.userPoolId, Username: email, Password: 'short1!A', Permanent: true })),
    ).rejects.toMatchObject({ name: 'InvalidPasswordException', message: 'Password did not conform with policy: Password not long enough' });
    await expect(signIn(email)).resolves.toBeDefined();
  });
});
