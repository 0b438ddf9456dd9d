import { ContainerModule } from 'inversify';
import { photoS3Client, S3PhotoStore } from '../../../adapters/s3/s3-photo-store';
import { env, readEnvironment, type Environment } from '../config';
import { TOKENS } from '../tokens';

/** The S3 photo store: `PHOTOS_BUCKET`; `S3_ENDPOINT` points it elsewhere (path-style, for a local S3). */
export function photosModule(environment: Environment): ContainerModule {
  const { PHOTOS_BUCKET, S3_ENDPOINT } = readEnvironment(environment, {
    PHOTOS_BUCKET: env.bucketName(),
    S3_ENDPOINT: env.optionalUrl(),
  });
  // The client is built when the store is first asked for, by the requests that sign a link or read a photo.
  return new ContainerModule(({ bind }) => {
    bind(TOKENS.PhotoStore).toResolvedValue(
      (clock) =>
        new S3PhotoStore({
          client: photoS3Client(S3_ENDPOINT ? { endpoint: S3_ENDPOINT, forcePathStyle: true } : {}),
          bucket: PHOTOS_BUCKET,
          clock,
        }),
      [TOKENS.Clock],
    );
  });
}
