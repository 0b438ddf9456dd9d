import type { Table } from 'aws-cdk-lib/aws-dynamodb';
import type { Construct } from 'constructs';
import { FACE_DESCRIPTORS_TABLE } from '../../../adapters/dynamodb/table-definitions';
import { tableFromDefinition } from './doorbell-tables';

/**
 * The face model's descriptors (household partition, faceId sort key), declared only when the deployment
 * recognizes faces with the model. Biometric data, kept as the visitors it belongs to are: retained on a stack
 * deletion, with deletion protection and point-in-time recovery. Forgetting a visitor deletes their descriptors;
 * point-in-time recovery keeps the table's past states for its 35-day window, as it does the visitors'.
 */
export function faceDescriptorsTable(scope: Construct, id: string): Table {
  return tableFromDefinition(scope, id, FACE_DESCRIPTORS_TABLE, false);
}
