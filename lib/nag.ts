/**
 * cdk-nag findings folio accepts, each with its reason. Everything else must pass. cdk-nag walks
 * the whole construct tree and looks for acknowledgements on a resource's ancestors, so these,
 * made on the stage's stack, cover its nested stacks (the functions') too.
 */
import { type Stack, Validations } from 'aws-cdk-lib';

export const acknowledgeStackFindings = (stack: Stack): void => {
  const acknowledge = (id: string, reason: string) => Validations.of(stack).acknowledge({ id, reason });
  acknowledge(
    'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
    'The AWS-maintained minimum for a function to write its own logs.',
  );
  acknowledge(
    'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs]',
    'The AWS-maintained role API Gateway needs to write execution and access logs.',
  );
  acknowledge(
    'AwsSolutions-IAM5[Action::kms:GenerateDataKey*]',
    "CDK's encrypt grant on the stack's one customer-managed key: the wildcard covers only GenerateDataKey's variants on that key.",
  );
  acknowledge(
    'AwsSolutions-IAM5[Action::kms:ReEncrypt*]',
    "CDK's encrypt grant on the stack's one customer-managed key: the wildcard covers only ReEncryptFrom/To on that key.",
  );
  acknowledge(
    'AwsSolutions-COG2',
    'The storefront contract has no MFA step; Cognito threat protection (Plus plan, full function) blocks high-risk sign-ins and compromised credentials instead.',
  );
};
