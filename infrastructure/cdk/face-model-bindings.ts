import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { DoorbellFunction } from './constructs/doorbell-function';
import { RECOGNIZING_FUNCTIONS, type LambdaFunctionName } from './lambda-functions';
import type { StatefulStack } from './stateful-stack';

/**
 * What `-c doorbell:recognizer=model` changes in the code stack, apart from the bundles and sizing (DoorbellFunction,
 * FACE_MODEL_SIZING): the variables that select the face model, and the grants on its descriptors table that
 * replace the Rekognition ones.
 */
export function isRecognizing(name: LambdaFunctionName): boolean {
  return (RECOGNIZING_FUNCTIONS as readonly LambdaFunctionName[]).includes(name);
}

/** FACE_RECOGNIZER and FACE_DESCRIPTORS_TABLE, for the functions that recognize faces. */
export function faceModelEnvironment(name: LambdaFunctionName, stateful: StatefulStack): Record<string, string> {
  if (!isRecognizing(name)) return {};
  return { FACE_RECOGNIZER: 'model', FACE_DESCRIPTORS_TABLE: descriptorsOf(stateful).tableName };
}

/**
 * identify reads the household's descriptors (one Query); on-resident-message enrolls (PutItem per face) and
 * forgets (Query, then BatchWriteItem deletes). No Rekognition action at all.
 */
export function grantFaceModel(fns: { readonly [K in LambdaFunctionName]: DoorbellFunction }, stateful: StatefulStack): void {
  const table = descriptorsOf(stateful).tableArn;
  fns.identify.addToRolePolicy(new PolicyStatement({ actions: ['dynamodb:Query'], resources: [table] }));
  fns['on-resident-message'].addToRolePolicy(
    new PolicyStatement({ actions: ['dynamodb:Query', 'dynamodb:PutItem', 'dynamodb:BatchWriteItem'], resources: [table] }),
  );
}

function descriptorsOf(stateful: StatefulStack) {
  if (!stateful.faceDescriptors) throw new Error('the face model needs the stateful stack to declare the face descriptors table');
  return stateful.faceDescriptors;
}
