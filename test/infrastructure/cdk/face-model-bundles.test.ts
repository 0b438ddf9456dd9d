import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { lambdaEsbuildOptions, type BundledRecognizer } from '../../../infrastructure/cdk/lambda-bundle-options';
import { LAMBDA_DIR, lambdaRoot } from '../../../infrastructure/cdk/lambda-functions';

/** The modules esbuild put in a recognizing function's bundle built for `recognizer` (those it dropped have no bytes). */
async function bundled(name: 'identify' | 'on-resident-message', recognizer: BundledRecognizer): Promise<string[]> {
  const outputDir = mkdtempSync(path.join(tmpdir(), 'doorbell-bundle-'));
  const { metafile } = await build({
    ...lambdaEsbuildOptions(path.join(LAMBDA_DIR, lambdaRoot(name).entry), outputDir, ['sharp'], recognizer),
    logLevel: 'silent',
    metafile: true,
  });
  return Object.values(metafile.outputs).flatMap((output) =>
    Object.entries(output.inputs)
      .filter(([, input]) => input.bytesInOutput > 0)
      .map(([file]) => file),
  );
}

const rekognitionClient = (file: string) => file.includes('node_modules/@aws-sdk/client-rekognition/');
const modelCode = (file: string) =>
  /adapters\/face-model\/(model-face-recognizer|in-process-face-model)\.ts$|dynamodb-face-descriptor-store/.test(file);

describe('a recognizing bundle carries only the recognizer it is built for', () => {
  for (const name of ['identify', 'on-resident-message'] as const) {
    it(`${name}: Rekognition's client without the model's code, or the model's code without Rekognition's client`, async () => {
      const rekognition = await bundled(name, 'rekognition');
      const model = await bundled(name, 'model');

      expect(rekognition.some(rekognitionClient)).toBe(true);
      expect(rekognition.filter(modelCode)).toEqual([]);
      expect(model.filter(modelCode).length).toBeGreaterThan(0);
      expect(model.filter(rekognitionClient)).toEqual([]);
    }, 60_000);
  }
});
