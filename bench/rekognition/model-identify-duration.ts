import { InProcessFaceModel } from '../../adapters/face-model/in-process-face-model';
import { oneFace } from '../face-model/bench-photos';
import { percentile } from '../stats';

/**
 * identify's recognition work with the face model as the Lambda runs it (InProcessFaceModel: decode and inference
 * in the calling thread), on a real 640 × 480 photo with one face: the p50 over `runs`, after the model is loaded and
 * warmed up (a cold start's load is not billed per ring).
 */
export async function modelIdentifyMs(runs: number): Promise<number> {
  const model = new InProcessFaceModel();
  const photo = oneFace();
  await model.analyse(photo);
  const samples: number[] = [];
  for (let index = 0; index < runs; index += 1) {
    const started = process.hrtime.bigint();
    await model.analyse(photo);
    samples.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  return percentile(samples, 0.5);
}
