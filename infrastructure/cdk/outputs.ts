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

/**
 * The output with a browser page's address, named after the page (`dashboard` → `DashboardUrl`, `door` →
 * `DoorUrl`): one per hosted page. Not among OUTPUTS, which the CLI requires of a deployment; it needs no page.
 */
export function pageUrlOutput(page: string): string {
  return `${page.charAt(0).toUpperCase()}${page.slice(1)}Url`;
}
