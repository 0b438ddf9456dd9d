/**
 * The collections this process has made sure exist, so each is created at most once per process however many
 * enrolments run at the same time: concurrent callers share the one creation in flight. A failed creation is
 * dropped so the next enrolment tries again. One entry per household enrolled through this process.
 */
export class KnownCollections {
  private readonly creations = new Map<string, Promise<void>>();

  /** `create` must succeed when the collection already exists (CreateCollection's ResourceAlreadyExists). */
  constructor(private readonly create: (collectionId: string) => Promise<void>) {}

  /**
   * Resolves once the collection exists.
   * @throws what `create` rejects with.
   */
  ensure(collectionId: string): Promise<void> {
    let creation = this.creations.get(collectionId);
    if (!creation) {
      creation = this.create(collectionId).catch((error: unknown) => {
        this.creations.delete(collectionId);
        throw error;
      });
      this.creations.set(collectionId, creation);
    }
    return creation;
  }

  /** Forget a collection found deleted behind this process's back, so the next `ensure` creates it again. */
  invalidate(collectionId: string): void {
    this.creations.delete(collectionId);
  }
}
