import type { Template } from 'aws-cdk-lib/assertions';
import { resourcesOf } from './doorbell-stacks';

/**
 * IAM statements of a synthesized template, made readable: every CloudFormation value is rendered the way cdk-nag
 * names it (`<Logical.Arn>`, `<AWS::Region>`), and a value read from the stateful stack (`Fn::GetStackOutput`, or
 * `Fn::ImportValue` with strong references) is followed into that stack to the resource it names, so a grant on
 * the devices table reads `<TablesDevices….Arn>` whichever way it crossed stacks.
 */
export interface Grant {
  readonly action: string;
  readonly resource: string;
}

export function render(value: unknown, producer?: Template): string {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) throw new Error(`cannot render a list: ${JSON.stringify(value)}`);
  const node = value as Record<string, unknown>;
  if ('Ref' in node) return `<${String(node['Ref'])}>`;
  if ('Fn::GetAtt' in node) {
    const [resource, attribute] = node['Fn::GetAtt'] as [string, string];
    return `<${resource}.${attribute}>`;
  }
  if ('Fn::Join' in node) {
    const [delimiter, parts] = node['Fn::Join'] as [string, unknown[]];
    return parts.map((part) => render(part, producer)).join(delimiter);
  }
  if ('Fn::Sub' in node && typeof node['Fn::Sub'] === 'string') return node['Fn::Sub'].replace(/\$\{([^}]+)\}/g, '<$1>');
  if ('Fn::GetStackOutput' in node) {
    const { OutputName } = node['Fn::GetStackOutput'] as { OutputName: string };
    return render(
      outputValue(producer, (name) => name === OutputName),
      producer,
    );
  }
  if ('Fn::ImportValue' in node) {
    const exportName = node['Fn::ImportValue'];
    return render(
      outputValue(producer, (_name, output) => output.Export?.Name === exportName),
      producer,
    );
  }
  throw new Error(`cannot render ${JSON.stringify(value)}`);
}

function outputValue(producer: Template | undefined, matches: (name: string, output: { Export?: { Name?: unknown } }) => boolean): unknown {
  if (!producer) throw new Error('a value from another stack, but no producer template given');
  const outputs = producer.toJSON()['Outputs'] as Record<string, { Value: unknown; Export?: { Name?: unknown } }>;
  const found = Object.entries(outputs).find(([name, output]) => matches(name, output));
  if (!found) throw new Error('no such output in the producer stack');
  return found[1].Value;
}

/** Every (action, resource) an IAM role is allowed, from all the policies attached to it; sorted. */
export function grantsOf(template: Template, roleLogicalId: string, producer?: Template): Grant[] {
  const grants: Grant[] = [];
  for (const policy of Object.values(resourcesOf(template, 'AWS::IAM::Policy'))) {
    const roles = (policy.Properties['Roles'] as unknown[]).map((role) => render(role));
    if (!roles.includes(`<${roleLogicalId}>`)) continue;
    const document = policy.Properties['PolicyDocument'] as { Statement: Statement[] };
    for (const statement of document.Statement) {
      if (statement.Effect !== 'Allow') throw new Error('only Allow statements are expected');
      for (const action of list(statement.Action)) {
        for (const resource of list(statement.Resource)) grants.push({ action, resource: render(resource, producer) });
      }
    }
  }
  return grants.sort(byActionThenResource);
}

/** Every role of the template with its grants. */
export function allGrants(template: Template, producer?: Template): Map<string, Grant[]> {
  return new Map(Object.keys(resourcesOf(template, 'AWS::IAM::Role')).map((role) => [role, grantsOf(template, role, producer)]));
}

interface Statement {
  readonly Effect: string;
  readonly Action: string | string[];
  readonly Resource: unknown;
}

function list<T>(value: T | T[]): T[] {
  return Array.isArray(value) ? value : [value];
}

export function byActionThenResource(a: Grant, b: Grant): number {
  return a.action.localeCompare(b.action) || a.resource.localeCompare(b.resource);
}

/**
 * The ManageConnections grants that reach beyond PostToConnection on one stage of one API: anything but
 * `arn:<AWS::Partition>:execute-api:<AWS::Region>:<AWS::AccountId>:<api>/<stage>/POST/@connections/*`
 * (the original project granted `…/*\/*`: every stage, every method, every API path).
 */
export function overbroadManageConnections(grants: readonly Grant[], apiLogicalId: string, stageName: string): Grant[] {
  const allowed = `arn:<AWS::Partition>:execute-api:<AWS::Region>:<AWS::AccountId>:<${apiLogicalId}>/${stageName}/POST/@connections/*`;
  return grants.filter(
    (grant) => ['execute-api:ManageConnections', 'execute-api:*', '*'].includes(grant.action) && grant.resource !== allowed,
  );
}
