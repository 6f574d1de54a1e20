/**
 * The seeded operator account of local mode: `operator@example.com`, in the operators group,
 * with the password from LOCAL_OPERATOR_PASSWORD or a generated one that meets the policy.
 */
import { randomBytes, randomInt } from 'node:crypto';
import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminSetUserPasswordCommand,
  CognitoIdentityProviderClient,
  UsernameExistsException,
} from '@aws-sdk/client-cognito-identity-provider';
import { operatorsGroup } from '#system/auth';
import { passwordRulesBroken, passwordSymbols } from '#system/password-policy';

export const operatorEmail = 'operator@example.com';

export const generatePassword = (): string => {
  const pick = (alphabet: string) => alphabet[randomInt(alphabet.length)] ?? 'x';
  const base = randomBytes(12).toString('base64url').replace(/[-_]/g, 'x');
  return `${base}${pick('ABCDEFGHJKLMNPQRSTUVWXYZ')}${pick('abcdefghijkmnopqrstuvwxyz')}${pick('23456789')}${pick(passwordSymbols.replace(/["'`\\]/g, ''))}`;
};

export const seedOperator = async (endpoint: string, userPoolId: string, password: string | undefined) => {
  const chosen = password ?? generatePassword();
  const broken = passwordRulesBroken(chosen);
  if (broken.length > 0) {
    throw new Error(`LOCAL_OPERATOR_PASSWORD ${broken.map((b) => b.message).join(', ')}`);
  }
  const client = new CognitoIdentityProviderClient({
    endpoint,
    region: 'eu-central-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  try {
    await client.send(
      new AdminCreateUserCommand({
        UserPoolId: userPoolId,
        Username: operatorEmail,
        MessageAction: 'SUPPRESS',
        UserAttributes: [
          { Name: 'email', Value: operatorEmail },
          { Name: 'email_verified', Value: 'true' },
          { Name: 'given_name', Value: 'Local' },
          { Name: 'family_name', Value: 'Operator' },
        ],
      }),
    );
  } catch (error: unknown) {
    if (!(error instanceof UsernameExistsException)) throw error;
  }
  await client.send(new AdminSetUserPasswordCommand({ UserPoolId: userPoolId, Username: operatorEmail, Password: chosen, Permanent: true }));
  await client.send(new AdminAddUserToGroupCommand({ UserPoolId: userPoolId, Username: operatorEmail, GroupName: operatorsGroup }));
  return { email: operatorEmail, password: chosen };
};
