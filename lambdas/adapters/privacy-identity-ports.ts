/**
 * The privacy-request ports with the identity provider, for the one function that completes
 * requests (a rectify request's corrections go to Cognito's attributes too).
 */
import type { PrivacyPorts } from '#domain/privacy/requests';
import { cognitoIdentity } from './cognito-identity';
import { privacyPorts } from './privacy-ports';

export const privacyIdentityPorts: PrivacyPorts = { ...privacyPorts, identity: cognitoIdentity };
