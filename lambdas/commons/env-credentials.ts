/**
 * Stands in for `@aws-sdk/credential-provider-node` in the deployed bundles (lib/bundling.ts):
 * Lambda hands a function its role's credentials in environment variables, so the SDK's default
 * chain (SSO, ini files, process, web identity, IMDS: ~90 KB minified) is never needed there.
 * The local stack runs unbundled and keeps the SDK's own chain, which reads the same variables.
 */
import { fromEnv } from '@aws-sdk/credential-provider-env';

export const defaultProvider = (init: Parameters<typeof fromEnv>[0] = {}) => fromEnv(init);
