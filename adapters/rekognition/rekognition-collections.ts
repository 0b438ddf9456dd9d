import { DeleteCollectionCommand, ListCollectionsCommand, type RekognitionClient } from '@aws-sdk/client-rekognition';
import { errorName } from '../aws/sdk-error';

/**
 * A deployment's Rekognition collections as a whole: the households' face data, created at run time outside
 * CloudFormation, so a stack deletion leaves them behind. Tearing a deployment down deletes them by its prefix.
 */
export class RekognitionCollections {
  /**
   * A deployment's collections: those named with its prefix.
   * @throws RangeError for an empty prefix, which would name every collection of the account.
   */
  constructor(
    private readonly client: RekognitionClient,
    private readonly prefix: string,
    /** Collection ids per ListCollections page (Rekognition allows up to 4096). */
    private readonly pageSize = 1000,
  ) {
    // An empty prefix would name every collection of the account, other applications' included.
    if (prefix.length === 0) throw new RangeError("a deployment's collections need a non-empty prefix");
  }

  /** The ids of the collections named with the prefix, in Rekognition's order (every page). */
  async list(): Promise<string[]> {
    const ids: string[] = [];
    let nextToken: string | undefined;
    do {
      const page = await this.client.send(
        new ListCollectionsCommand({ MaxResults: this.pageSize, ...(nextToken ? { NextToken: nextToken } : {}) }),
      );
      ids.push(...(page.CollectionIds ?? []).filter((id) => id.startsWith(this.prefix)));
      nextToken = page.NextToken;
    } while (nextToken);
    return ids;
  }

  /** Deletes every collection named with the prefix, faces and all; idempotent (one already gone is skipped). */
  async deleteAll(): Promise<string[]> {
    const ids = await this.list();
    for (const id of ids) {
      try {
        await this.client.send(new DeleteCollectionCommand({ CollectionId: id }));
      } catch (error) {
        if (errorName(error) !== 'ResourceNotFoundException') throw error;
      }
    }
    return ids;
  }
}
