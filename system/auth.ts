/**
 * The user pool's shape, shared by the CDK app and the local stack.
 */
export const operatorsGroup = 'operators';

/** The OAuth scope Cognito puts in access tokens from the API's sign-in flow; methods require it. */
export const apiScope = 'aws.cognito.signin.user.admin';

export const tokenValidity = {
  accessTokenMinutes: 15,
  idTokenMinutes: 15,
  refreshTokenDays: 30,
} as const;
