/**
 * Cognito as folio's identity provider. Provider errors become IdentityError kinds here, so
 * no Cognito message ever reaches a caller or a log.
 */
import {
  AdminDeleteUserCommand,
  AdminDisableUserCommand,
  AdminGetUserCommand,
  AdminSetUserPasswordCommand,
  AdminUpdateUserAttributesCommand,
  AdminUserGlobalSignOutCommand,
  AdminDeleteUserAttributesCommand,
  type AttributeType,
  ChangePasswordCommand,
  ConfirmForgotPasswordCommand,
  ConfirmSignUpCommand,
  ForgotPasswordCommand,
  InitiateAuthCommand,
  ListUsersCommand,
  RevokeTokenCommand,
  SignUpCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { cognito } from '#commons/clients/cognito';
import { once, requireEnv } from '#commons/config';
import { IdentityError, type IdentityErrorKind, type IdentityProvider, type UserAttributes } from '#domain/accounts/identity';

const poolId = once(() => requireEnv('USER_POOL_ID'));
const appClientId = once(() => requireEnv('USER_POOL_CLIENT_ID'));

const kinds: Record<string, IdentityErrorKind> = {
  UsernameExistsException: 'exists',
  AliasExistsException: 'exists',
  NotAuthorizedException: 'badCredentials',
  UserNotConfirmedException: 'notConfirmed',
  CodeMismatchException: 'badCode',
  ExpiredCodeException: 'badCode',
  InvalidPasswordException: 'badPassword',
  LimitExceededException: 'limited',
  TooManyRequestsException: 'limited',
  TooManyFailedAttemptsException: 'limited',
  UserNotFoundException: 'notFound',
  PasswordResetRequiredException: 'badCredentials',
};

/** Runs a Cognito call and turns its refusals into IdentityError kinds; other errors pass (503/500). */
const call = async <T>(run: () => Promise<T>): Promise<T> => {
  try {
    return await run();
  } catch (error: unknown) {
    const name = error instanceof Error ? error.name : '';
    const kind = kinds[name];
    if (kind === undefined) throw error;
    if (kind === 'badCredentials' && error instanceof Error && /disabled/i.test(error.message)) throw new IdentityError('disabled');
    throw new IdentityError(kind);
  }
};

const attribute = (attributes: AttributeType[] | undefined, name: string) => attributes?.find((a) => a.Name === name)?.Value;

const toUser = (attributes: AttributeType[] | undefined): UserAttributes | undefined => {
  const customerId = attribute(attributes, 'sub');
  if (customerId === undefined) return undefined;
  return {
    customerId,
    email: attribute(attributes, 'email') ?? '',
    firstName: attribute(attributes, 'given_name') ?? '',
    lastName: attribute(attributes, 'family_name') ?? '',
    phone: attribute(attributes, 'phone_number'),
  };
};

const tokens = (result: { AccessToken?: string; IdToken?: string; RefreshToken?: string; ExpiresIn?: number } | undefined) => {
  if (!result?.AccessToken || !result.IdToken) throw new IdentityError('badCredentials');
  return { accessToken: result.AccessToken, idToken: result.IdToken, refreshToken: result.RefreshToken ?? '', expiresIn: result.ExpiresIn ?? 0 };
};

export const cognitoIdentity: IdentityProvider = {
  async signUp(user) {
    const result = await call(() =>
      cognito.send(
        new SignUpCommand({
          ClientId: appClientId(),
          Username: user.email,
          Password: user.password,
          UserAttributes: [
            { Name: 'email', Value: user.email },
            { Name: 'given_name', Value: user.firstName },
            { Name: 'family_name', Value: user.lastName },
          ],
        }),
      ),
    );
    if (!result.UserSub) throw new Error('Cognito returned no user id');
    return result.UserSub;
  },

  async confirmSignUp(email, code) {
    await call(() => cognito.send(new ConfirmSignUpCommand({ ClientId: appClientId(), Username: email, ConfirmationCode: code })));
  },

  async signIn(email, password) {
    const result = await call(() =>
      cognito.send(new InitiateAuthCommand({ ClientId: appClientId(), AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: email, PASSWORD: password } })),
    );
    const issued = tokens(result.AuthenticationResult);
    if (issued.refreshToken === '') throw new IdentityError('badCredentials');
    return issued;
  },

  async refresh(refreshToken) {
    const result = await call(() =>
      cognito.send(new InitiateAuthCommand({ ClientId: appClientId(), AuthFlow: 'REFRESH_TOKEN_AUTH', AuthParameters: { REFRESH_TOKEN: refreshToken } })),
    );
    const { accessToken, idToken, expiresIn } = tokens(result.AuthenticationResult);
    return { accessToken, idToken, expiresIn };
  },

  async revokeRefreshToken(refreshToken) {
    await call(() => cognito.send(new RevokeTokenCommand({ ClientId: appClientId(), Token: refreshToken })));
  },

  async forgotPassword(email) {
    await call(() => cognito.send(new ForgotPasswordCommand({ ClientId: appClientId(), Username: email })));
  },

  async confirmForgotPassword(email, code, newPassword) {
    await call(() =>
      cognito.send(new ConfirmForgotPasswordCommand({ ClientId: appClientId(), Username: email, ConfirmationCode: code, Password: newPassword })),
    );
  },

  async changePassword(accessToken, currentPassword, newPassword) {
    await call(() => cognito.send(new ChangePasswordCommand({ AccessToken: accessToken, PreviousPassword: currentPassword, ProposedPassword: newPassword })));
  },

  async userByEmail(email) {
    const result = await call(() => cognito.send(new ListUsersCommand({ UserPoolId: poolId(), Filter: `email = "${email.replace(/["\\]/g, '')}"`, Limit: 1 })));
    return toUser(result.Users?.[0]?.Attributes);
  },

  async user(customerId) {
    try {
      const result = await call(() => cognito.send(new AdminGetUserCommand({ UserPoolId: poolId(), Username: customerId })));
      return toUser(result.UserAttributes);
    } catch (error: unknown) {
      if (error instanceof IdentityError && error.kind === 'notFound') return undefined;
      throw error;
    }
  },

  async updateAttributes(customerId, changes) {
    const updates: AttributeType[] = [];
    if (changes.firstName !== undefined) updates.push({ Name: 'given_name', Value: changes.firstName });
    if (changes.lastName !== undefined) updates.push({ Name: 'family_name', Value: changes.lastName });
    if (typeof changes.phone === 'string') updates.push({ Name: 'phone_number', Value: changes.phone });
    if (updates.length > 0) {
      await call(() => cognito.send(new AdminUpdateUserAttributesCommand({ UserPoolId: poolId(), Username: customerId, UserAttributes: updates })));
    }
    if (changes.phone === null) {
      await call(() => cognito.send(new AdminDeleteUserAttributesCommand({ UserPoolId: poolId(), Username: customerId, UserAttributeNames: ['phone_number'] })));
    }
  },

  async setPassword(customerId, password) {
    await call(() => cognito.send(new AdminSetUserPasswordCommand({ UserPoolId: poolId(), Username: customerId, Password: password, Permanent: true })));
  },

  async signOutEverywhere(customerId) {
    await call(() => cognito.send(new AdminUserGlobalSignOutCommand({ UserPoolId: poolId(), Username: customerId })));
  },

  async disable(customerId) {
    await call(() => cognito.send(new AdminDisableUserCommand({ UserPoolId: poolId(), Username: customerId })));
  },

  async delete(customerId) {
    await call(() => cognito.send(new AdminDeleteUserCommand({ UserPoolId: poolId(), Username: customerId })));
  },
};
