import { contractAwsSettings } from './contract-aws-settings';

/** Stops the AWS contract run before any test when a variable is missing, naming each one. */
export default function checkContractAwsSettings(): void {
  contractAwsSettings();
}
