/**
 * The CDK app (`cdk.json` runs it): the doorbell's stateful and stateless stacks, checked by cdk-nag's
 * AwsSolutions pack. Options come from context, e.g. `npx cdk deploy --all -c doorbell:retentionDays=14`.
 */
import { App } from 'aws-cdk-lib';
import { createDoorbell, optionsFromContext } from './doorbell-app';

const app = new App();
createDoorbell(app, optionsFromContext(app));
