// Floor for identify: the photo from S3, DetectFaces and SearchFacesByImage, the ring written to DynamoDB.
import { DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { DetectFacesCommand, RekognitionClient, SearchFacesByImageCommand } from '@aws-sdk/client-rekognition';
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';

const dynamoDb = new DynamoDBClient({});
const s3 = new S3Client({});
const rekognition = new RekognitionClient({});

export const handler = async (event: { detail: { object: { key: string } } }) => {
  const object = await s3.send(new GetObjectCommand({ Bucket: process.env['PHOTOS_BUCKET'], Key: event.detail.object.key }));
  const bytes = await object.Body!.transformToByteArray();
  const faces = await rekognition.send(new DetectFacesCommand({ Image: { Bytes: bytes } }));
  const matches = await rekognition.send(new SearchFacesByImageCommand({ CollectionId: 'doorbell-home', Image: { Bytes: bytes } }));
  await dynamoDb.send(
    new PutItemCommand({
      TableName: process.env['RINGS_TABLE'],
      Item: {
        ringId: { S: event.detail.object.key },
        faces: { N: String(faces.FaceDetails?.length ?? 0) },
        matches: { N: String(matches.FaceMatches?.length ?? 0) },
      },
    }),
  );
  return { faces: faces.FaceDetails?.length ?? 0 };
};
