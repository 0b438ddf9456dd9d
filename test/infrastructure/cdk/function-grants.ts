import type { Template } from 'aws-cdk-lib/assertions';
import { Stack, type CfnElement } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import { LAMBDA_FUNCTION_NAMES } from '../../../infrastructure/cdk/lambda-functions';
import type { Doorbell } from '../../../infrastructure/cdk/doorbell-app';
import { resourcesOf } from './doorbell-stacks';
import { render } from './iam-statements';

/** A role's statements as `action resource` lines (and the condition, when there is one), sorted. */
export type RoleGrants = Record<string, string[]>;

/**
 * Every function's role (and the workflow's) with each (action, resource, condition) it is allowed, from every policy
 * attached to it: the whole of what the deployment grants, in a form a fixture can hold.
 */
export function functionGrants(doorbell: Doorbell, stateless: Template, stateful: Template): RoleGrants {
  const roles: [string, IConstruct][] = [
    ...LAMBDA_FUNCTION_NAMES.map((name) => [name, doorbell.stateless.functions[name].executionRole] as [string, IConstruct]),
    ['ring-workflow', doorbell.stateless.workflow.stateMachine.role],
  ];
  return Object.fromEntries(roles.map(([name, role]) => [name, grantLines(stateless, logicalId(role), stateful)]));
}

function logicalId(construct: IConstruct): string {
  return Stack.of(construct).getLogicalId((construct.node.defaultChild ?? construct) as CfnElement);
}

interface Statement {
  readonly Effect: string;
  readonly Action: string | string[];
  readonly Resource: unknown;
  readonly Condition?: unknown;
}

function grantLines(template: Template, roleLogicalId: string, producer: Template): string[] {
  const lines: string[] = [];
  for (const policy of Object.values(resourcesOf(template, 'AWS::IAM::Policy'))) {
    const roles = (policy.Properties['Roles'] as unknown[]).map((role) => render(role));
    if (!roles.includes(`<${roleLogicalId}>`)) continue;
    for (const statement of (policy.Properties['PolicyDocument'] as { Statement: Statement[] }).Statement) {
      const condition = statement.Condition === undefined ? '' : ` if ${JSON.stringify(statement.Condition)}`;
      for (const action of [statement.Action].flat()) {
        for (const resource of [statement.Resource].flat()) {
          lines.push(`${statement.Effect} ${action} ${render(resource, producer)}${condition}`);
        }
      }
    }
  }
  return lines.sort();
}
