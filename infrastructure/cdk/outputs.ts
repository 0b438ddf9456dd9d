/**
 * The names of the deployment's outputs (all in the stateless stack): what the CLI, and a newcomer, need from a
 * deployment. Free of CDK imports, so that tools reading the outputs load quickly.
 */
export const OUTPUTS = {
  webSocketUrl: 'WebSocketURL',
  connectionsApiEndpoint: 'ConnectionsApiEndpoint',
  photosBucketName: 'PhotosBucketName',
  connectionsTableName: 'ConnectionsTableName',
  ringsTableName: 'RingsTableName',
  ringWindowsTableName: 'RingWindowsTableName',
  visitorsTableName: 'VisitorsTableName',
  devicesTableName: 'DevicesTableName',
  webhooksTableName: 'WebhooksTableName',
  deviceTokenSecretArn: 'DeviceTokenSecretArn',
  rekognitionCollectionPrefix: 'RekognitionCollectionPrefix',
  alarmTopicArn: 'AlarmTopicArn',
  stateMachineArn: 'StateMachineArn',
  region: 'Region',
} as const;
