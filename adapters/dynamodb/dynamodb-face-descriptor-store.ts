import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { faceId, visitorId, type HouseholdId, type VisitorId } from '../../domain/ids';
import type { FaceDescriptor, FaceDescriptorStore } from '../../domain/ports/face-descriptor-store';
import { CorruptItemError } from './corrupt-item-error';
import { DynamoDbTable } from './dynamodb-table';
import { ItemFields } from './item-fields';
import { queryAll, type Item } from './pages';
import { FACE_DESCRIPTORS_TABLE } from './table-definitions';

/** BatchWriteItem's limit of requests per call. */
const BATCH = 25;

/**
 * The face model's descriptors in DynamoDB, keyed by household and face id; each descriptor is stored as float32
 * bytes (512 for 128 numbers), exactly the precision the model computes. Forget deletes the visitor's items.
 */
export class DynamoDbFaceDescriptorStore extends DynamoDbTable implements FaceDescriptorStore {
  async list(householdId: HouseholdId): Promise<readonly FaceDescriptor[]> {
    const items = await queryAll(this.client, this.householdPartition(householdId));
    return items.map((item) => this.descriptorFrom(item));
  }

  async add(householdId: HouseholdId, descriptors: readonly FaceDescriptor[]): Promise<void> {
    for (const face of descriptors) {
      await this.putItem({
        householdId,
        faceId: face.faceId,
        visitorId: face.visitorId,
        descriptor: new Uint8Array(Float32Array.from(face.descriptor).buffer),
      });
    }
  }

  async removeVisitor(householdId: HouseholdId, visitor: VisitorId): Promise<void> {
    const faces = (await this.list(householdId)).filter((face) => face.visitorId === visitor);
    for (let start = 0; start < faces.length; start += BATCH) {
      const deletes = faces.slice(start, start + BATCH).map((face) => ({ DeleteRequest: { Key: { householdId, faceId: face.faceId } } }));
      let unprocessed: Record<string, unknown[]> | undefined = { [this.tableName]: deletes };
      // Unprocessed requests (throttling) are sent again: a forgotten face must not stay behind.
      while (unprocessed && Object.keys(unprocessed).length > 0) {
        const result = await this.client.send(new BatchWriteCommand({ RequestItems: unprocessed as never }));
        unprocessed = result.UnprocessedItems as Record<string, unknown[]> | undefined;
      }
    }
  }

  private descriptorFrom(item: Item): FaceDescriptor {
    const fields = ItemFields.of(item, FACE_DESCRIPTORS_TABLE, this.tableName);
    const bytes = item['descriptor'];
    if (!(bytes instanceof Uint8Array) || bytes.byteLength % 4 !== 0) {
      const key = { householdId: item['householdId'], faceId: item['faceId'] };
      throw new CorruptItemError(this.tableName, key, 'descriptor: expected float32 bytes');
    }
    const numbers = new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
    return { faceId: fields.id('faceId', faceId), visitorId: fields.id('visitorId', visitorId), descriptor: [...numbers] };
  }
}
