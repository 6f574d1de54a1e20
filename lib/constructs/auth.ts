/**
 * Sign-in: a Cognito user pool where customers sign in by email with the password rule of
 * system/password-policy.ts, threat protection on (compromised credentials, adaptive
 * authentication), an `operators` group and one app client for the API.
 */
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import { operatorsGroup, tokenValidity } from '../../system/auth';
import { passwordPolicy } from '../../system/password-policy';

export interface AuthProps {
  readonly fromAddress: string;
  readonly sesIdentity: string;
  readonly configurationSetName: string;
  readonly region: string;
  /** Send codes through SES (needs the identity verified); otherwise through Cognito's own sender. */
  readonly viaSes: boolean;
}

export class Auth extends Construct {
  public readonly userPool: cognito.UserPool;
  public readonly client: cognito.UserPoolClient;

  constructor(scope: Construct, id: string, props: AuthProps) {
    super(scope, id);
    this.userPool = new cognito.UserPool(this, 'UserPool', {
      selfSignUpEnabled: true,
      signInAliases: { email: true },
      signInCaseSensitive: false,
      autoVerify: { email: true },
      keepOriginal: { email: true },
      standardAttributes: {
        email: { required: true, mutable: true },
        givenName: { required: true, mutable: true },
        familyName: { required: true, mutable: true },
        phoneNumber: { required: false, mutable: true },
      },
      passwordPolicy: {
        minLength: passwordPolicy.minLength,
        requireLowercase: passwordPolicy.requireLowercase,
        requireUppercase: passwordPolicy.requireUppercase,
        requireDigits: passwordPolicy.requireDigits,
        requireSymbols: passwordPolicy.requireSymbols,
        tempPasswordValidity: Duration.days(3),
      },
      accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
      featurePlan: cognito.FeaturePlan.PLUS,
      standardThreatProtectionMode: cognito.StandardThreatProtectionMode.FULL_FUNCTION,
      mfa: cognito.Mfa.OFF,
      email: props.viaSes
        ? cognito.UserPoolEmail.withSES({
            fromEmail: props.fromAddress,
            fromName: 'imobook.ru',
            sesRegion: props.region,
            configurationSetName: props.configurationSetName,
            ...(props.sesIdentity.includes('@') ? {} : { sesVerifiedDomain: props.sesIdentity }),
          })
        : cognito.UserPoolEmail.withCognito(props.fromAddress),
      userVerification: {
        emailSubject: 'Your imobook.ru confirmation code',
        emailBody: 'Your confirmation code is {####}. If you did not register at imobook.ru, ignore this email.',
        emailStyle: cognito.VerificationEmailStyle.CODE,
      },
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    this.client = this.userPool.addClient('ApiClient', {
      authFlows: { userPassword: true },
      generateSecret: false,
      disableOAuth: true,
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      accessTokenValidity: Duration.minutes(tokenValidity.accessTokenMinutes),
      idTokenValidity: Duration.minutes(tokenValidity.idTokenMinutes),
      refreshTokenValidity: Duration.days(tokenValidity.refreshTokenDays),
    });

    // Threat protection's own answers: a high-risk sign-in (likely takeover) and a password known
    // from public breaches are blocked. Starting folio's forced-reset flow from these events would
    // need Cognito's user-activity log export, which stores full IP addresses (see README).
    new cognito.CfnUserPoolRiskConfigurationAttachment(this, 'RiskConfiguration', {
      userPoolId: this.userPool.userPoolId,
      clientId: 'ALL',
      accountTakeoverRiskConfiguration: {
        actions: {
          highAction: { eventAction: 'BLOCK', notify: false },
          mediumAction: { eventAction: 'NO_ACTION', notify: false },
          lowAction: { eventAction: 'NO_ACTION', notify: false },
        },
      },
      compromisedCredentialsRiskConfiguration: {
        eventFilter: ['SIGN_IN', 'PASSWORD_CHANGE', 'SIGN_UP'],
        actions: { eventAction: 'BLOCK' },
      },
    });

    new cognito.CfnUserPoolGroup(this, 'OperatorsGroup', {
      userPoolId: this.userPool.userPoolId,
      groupName: operatorsGroup,
      description: 'Operators: privacy requests, orders, campaigns, account takeover response',
    });
  }
}
