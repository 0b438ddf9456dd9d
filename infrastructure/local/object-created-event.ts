/**
 * The event S3 sends to EventBridge when an object is created, shaped as AWS documents it: what the rule hands
 * to the ring workflow in AWS, and what the local doorbell feeds the same workflow with.
 */
export function objectCreatedEvent(options: {
  readonly bucket: string;
  readonly key: string;
  readonly size: number;
  readonly at: Date;
  readonly eventId: string;
  readonly sequencer?: string;
}) {
  return {
    version: '0',
    id: options.eventId,
    'detail-type': 'Object Created',
    source: 'aws.s3',
    account: '000000000000',
    time: options.at.toISOString().replace(/\.\d{3}Z$/, 'Z'),
    region: 'local',
    resources: [`arn:aws:s3:::${options.bucket}`],
    detail: {
      version: '0',
      bucket: { name: options.bucket },
      object: {
        key: options.key,
        size: options.size,
        etag: '',
        sequencer: options.sequencer ?? options.at.getTime().toString(16).toUpperCase().padStart(16, '0'),
      },
      'request-id': options.eventId,
      requester: '000000000000',
      'source-ip-address': '127.0.0.1',
      reason: 'PutObject',
    },
  };
}
