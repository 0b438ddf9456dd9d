import { Stack, Validations } from 'aws-cdk-lib';
import { flattenCfnReference } from 'cdk-nag/lib/utils/flatten-cfn-reference.js';
import type { IConstruct } from 'constructs';

/** An acknowledgement must say why; a reason this short says nothing. */
export const MIN_REASON_WORDS = 10;

/**
 * Acknowledges one cdk-nag finding on a construct (and everything under it), with the reason it is acceptable.
 * cdk-nag 3 matches findings exactly: a rule with several findings (`AwsSolutions-IAM5[Resource::…]`) needs one
 * acknowledgement per finding, so nothing else is silenced by accident.
 * @throws Error when the reason has fewer than MIN_REASON_WORDS words.
 */
export function acknowledge(scope: IConstruct, id: string, reason: string): void {
  checkReason(scope, id, reason);
  Validations.of(scope).acknowledge({ id, reason });
}

function checkReason(scope: IConstruct, id: string, reason: string): void {
  const words = reason.trim().split(/\s+/).length;
  if (words < MIN_REASON_WORDS) {
    throw new Error(
      `The acknowledgement of ${id} on ${scope.node.path} needs a reason of at least ${MIN_REASON_WORDS} words, got ${words}`,
    );
  }
}

/**
 * `AwsSolutions-IAM5[Resource::…]`: a wildcard resource that cannot be narrowed further. cdk-nag names the finding
 * after the resource as it appears in the template (`<Logical.Arn>/rings/*`, `<AWS::Region>`; a value from the other
 * stack as the `Fn::GetStackOutput` or `Fn::ImportValue` CDK writes for it). The latter exists only once CDK has
 * resolved cross-stack references, so the name is computed then, from the very value granted (in a construct
 * validation, which CDK runs after resolving references and before cdk-nag reads the acknowledgements).
 * @throws Error when the reason has fewer than MIN_REASON_WORDS words.
 */
export function acknowledgeWildcardResource(scope: IConstruct, resource: string, reason: string): void {
  checkReason(scope, 'AwsSolutions-IAM5', reason);
  scope.node.addValidation({
    validate: () => {
      acknowledge(scope, `AwsSolutions-IAM5[Resource::${nagResourceName(scope, resource)}]`, reason);
      return [];
    },
  });
}

/**
 * How cdk-nag names a resource in its findings: the CloudFormation value flattened (`<Logical.Arn>`, `<AWS::Region>`),
 * computed with cdk-nag's own function so an acknowledgement names exactly the finding.
 */
export function nagResourceName(scope: IConstruct, value: string): string {
  return flattenCfnReference(Stack.of(scope).resolve(value));
}
