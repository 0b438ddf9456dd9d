import { RekognitionClient } from '@aws-sdk/client-rekognition';
import type { Output } from '../../adapters/cli/output';
import { RekognitionCollections } from '../../adapters/rekognition/rekognition-collections';
import type { StackOutputs } from '../cdk/stack-outputs';

/**
 * `doorbell teardown --stack NAME [--yes]`: the deployment's face data that `cdk destroy` can't remove (households'
 * Rekognition collections are created at run time, outside CloudFormation), deleted by the deployment's prefix
 * with the operator's credentials. Without `--yes` it only lists them. `REKOGNITION_ENDPOINT` points it elsewhere.
 */
export async function teardownCommand(outputs: StackOutputs, output: Output, confirmed: boolean, environment = process.env): Promise<void> {
  const endpoint = environment['REKOGNITION_ENDPOINT'];
  const client = new RekognitionClient({ region: outputs.region, ...(endpoint ? { endpoint } : {}) });
  const collections = new RekognitionCollections(client, outputs.rekognitionCollectionPrefix);
  if (!confirmed) {
    const ids = await collections.list();
    output.result({ deleted: false, collections: ids }, () => {
      output.line(`${ids.length} face collection(s) named ${outputs.rekognitionCollectionPrefix}…: ${ids.join(', ') || 'none'}.`);
      output.line('Run again with --yes to delete them (every enrolled face of every household of this deployment).');
    });
    return;
  }
  const deleted = await collections.deleteAll();
  output.result({ deleted: true, collections: deleted }, () => {
    output.line(`Deleted ${deleted.length} face collection(s): ${deleted.join(', ') || 'none'}.`);
    output.line('Now: npx cdk destroy --all (see the README for what a destroy keeps).');
  });
}
