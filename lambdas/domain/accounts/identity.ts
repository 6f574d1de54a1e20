/**
 * The identity provider as the account logic needs it (Cognito in the cloud and locally; see
 * lambdas/adapters/cognito-identity.ts). Errors come back as kinds, never as provider texts.
 */

export interface Tokens {
  readonly accessToken: string;
  readonly idToken: string;
  readonly refreshToken: string;
  readonly expiresIn: number;
}

export interface NewUser {
  readonly email: string;
  readonly password: string;
  readonly firstName: string;
  readonly lastName: string;
}

export interface UserAttributes {
  readonly customerId: string;
  readonly email: string;
  readonly firstName: string;
  readonly lastName: string;
  readonly phone: string | undefined;
}

export type IdentityErrorKind =
  | 'exists'
  | 'badCredentials'
  | 'notConfirmed'
  | 'badCode'
  | 'badPassword'
  | 'limited'
  | 'notFound'
  | 'disabled';

/** A refusal of the identity provider, by kind. */
export class IdentityError extends Error {
  override readonly name = 'IdentityError';
  constructor(readonly kind: IdentityErrorKind) {
    super(kind);
  }
}

export interface IdentityProvider {
  /** Returns the new user's id (Cognito `sub`); throws IdentityError('exists') for a known email. */
  signUp(user: NewUser): Promise<string>;
  confirmSignUp(email: string, code: string): Promise<void>;
  signIn(email: string, password: string): Promise<Tokens>;
  refresh(refreshToken: string): Promise<Omit<Tokens, 'refreshToken'>>;
  revokeRefreshToken(refreshToken: string): Promise<void>;
  forgotPassword(email: string): Promise<void>;
  confirmForgotPassword(email: string, code: string, newPassword: string): Promise<void>;
  changePassword(accessToken: string, currentPassword: string, newPassword: string): Promise<void>;
  userByEmail(email: string): Promise<UserAttributes | undefined>;
  user(customerId: string): Promise<UserAttributes | undefined>;
  updateAttributes(customerId: string, changes: { firstName?: string; lastName?: string; phone?: string | null }): Promise<void>;
  setPassword(customerId: string, password: string): Promise<void>;
  signOutEverywhere(customerId: string): Promise<void>;
  disable(customerId: string): Promise<void>;
  delete(customerId: string): Promise<void>;
}
