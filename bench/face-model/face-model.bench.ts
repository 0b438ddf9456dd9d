import { decodePhoto } from '../../adapters/face-model/decode-photo';
import { FaceModelWorker } from '../../adapters/face-model/face-model-worker';
import type { PhotoAnalysis } from '../../adapters/face-model/photo-analysis';
import { euclideanDistance, similarityOfDistance } from '../../adapters/face-model/face-similarity';
import { realSample } from '../../test/support/real-face-photos';
import type { Benchmark } from '../section';
import { verdict } from '../section';
import { fixed, percentile, ratio, times } from '../stats';
import { oneFace, smallFace, threeFaces, variants } from './bench-photos';

const TARGET_P50_MS = 400;
const SMALL_FACE_PX = 100;
/** Distance at the default match threshold (similarity 90): see adapters/face-model/face-similarity.ts. */
const THRESHOLD_DISTANCE = 0.5;

const elapsedSince = (started: bigint) => Number(process.hrtime.bigint() - started) / 1e6;
const mib = (bytes: number) => bytes / 2 ** 20;

async function timed<T>(runs: number, run: () => Promise<T>): Promise<number[]> {
  const samples: number[] = [];
  for (let index = 0; index < runs; index += 1) {
    const started = process.hrtime.bigint();
    await run();
    samples.push(elapsedSince(started));
  }
  return samples;
}

function faces(analysis: PhotoAnalysis) {
  if (analysis.kind !== 'faces') throw new Error(`unreadable benchmark photo: ${analysis.reason}`);
  return analysis.faces;
}

export const faceModel: Benchmark = {
  id: 'face-model',
  title: 'Local face recognition (face-api on TensorFlow.js WebAssembly)',
  async run({ quick }) {
    const runs = quick ? 5 : 60;
    const rssBefore = process.memoryUsage().rss;
    const loadStarted = process.hrtime.bigint();
    const model = await FaceModelWorker.start();
    const loadMs = elapsedSince(loadStarted);
    try {
      const one = oneFace();
      const three = await threeFaces();
      const measuredWidth = faces(await model.analyse(one))[0]!.width;
      const small = await smallFace(SMALL_FACE_PX, measuredWidth);
      const smallFaces = faces(await model.analyse(small));

      // Interleaved, so that the machine's load weighs on each the same.
      const decode: number[] = [];
      const identifyOne: number[] = [];
      const identifyThree: number[] = [];
      for (let index = 0; index < runs; index += 1) {
        decode.push(...(await timed(1, () => decodePhoto(one))));
        identifyOne.push(...(await timed(1, () => model.analyse(one))));
        identifyThree.push(...(await timed(1, () => model.analyse(three))));
      }
      const threeFound = faces(await model.analyse(three)).length;
      const rssAfter = process.memoryUsage().rss;

      const original = faces(await model.analyse(one))[0]!.descriptor;
      const copies: [string, number][] = [];
      for (const [name, photo] of Object.entries(await variants(one))) {
        const [face] = faces(await model.analyse(photo));
        copies.push([name, face ? euclideanDistance(original, face.descriptor) : Number.NaN]);
      }
      const people: [string, number][] = [];
      const descriptorOf = async (name: string) => faces(await model.analyse(realSample(name)))[0]!.descriptor;
      const hopper = await descriptorOf('grace-hopper.jpg');
      people.push(['Eileen Collins vs Grace Hopper', euclideanDistance(original, hopper)]);
      people.push(['Eileen Collins (2nd crop) vs Grace Hopper', euclideanDistance(await descriptorOf('eileen-collins-2.jpg'), hopper)]);
      const sameWorst = Math.max(...copies.map(([, distance]) => distance));
      const differentBest = Math.min(...people.map(([, distance]) => distance));

      const p50 = percentile(identifyOne, 0.5);
      const decodeP50 = percentile(decode, 0.5);
      const row = (name: string, distance: number) => [
        name,
        fixed(distance, 3),
        fixed(similarityOfDistance(distance)),
        distance <= THRESHOLD_DISTANCE ? 'match' : 'no match',
      ];
      return {
        id: 'face-model',
        title: this.title,
        figures: [
          {
            name: `identify one face, 640 × 480 JPEG, p50 / p99 over ${runs}`,
            value: `${fixed(p50)} ms / ${fixed(percentile(identifyOne, 0.99))} ms`,
            baseline: `sharp decode alone ${fixed(decodeP50)} ms (${times(ratio(p50, decodeP50))})`,
            target: `p50 ≤ ${TARGET_P50_MS} ms`,
            verdict: verdict(p50 <= TARGET_P50_MS),
          },
          {
            name: 'identify three faces, 640 × 480 JPEG, p50 / p99',
            value: `${fixed(percentile(identifyThree, 0.5))} ms / ${fixed(percentile(identifyThree, 0.99))} ms (${threeFound} found)`,
            baseline: `one face ${fixed(p50)} ms`,
            target: '',
            verdict: threeFound === 3 ? 'info' : 'missed',
          },
          {
            name: `a face ${SMALL_FACE_PX} px wide in 640 × 480 found`,
            value: smallFaces.length === 1 ? `yes (box ${fixed(smallFaces[0]!.width, 0)} px)` : `no (${smallFaces.length} faces)`,
            baseline: '',
            target: 'found',
            verdict: verdict(smallFaces.length === 1),
          },
          { name: 'model load and warm-up (worker start)', value: `${fixed(loadMs, 0)} ms`, baseline: '', target: '', verdict: 'info' },
          {
            name: 'memory added (process RSS, worker included)',
            value: `${fixed(mib(rssAfter - rssBefore), 0)} MiB`,
            baseline: `RSS before ${fixed(mib(rssBefore), 0)} MiB`,
            target: '',
            verdict: 'info',
          },
          {
            name: 'threshold margin (distance)',
            value: `same face ≤ ${fixed(sameWorst, 3)}, different people ≥ ${fixed(differentBest, 3)}`,
            baseline: `threshold ${THRESHOLD_DISTANCE} (similarity 90)`,
            target: 'same < threshold < different',
            verdict: verdict(sameWorst < THRESHOLD_DISTANCE && differentBest > THRESHOLD_DISTANCE),
          },
        ],
        tables: [
          {
            columns: ['compared with eileen-collins-1.jpg', 'descriptor distance', 'similarity', `at threshold ${THRESHOLD_DISTANCE}`],
            rows: [...copies.map(([name, distance]) => row(name, distance)), ...people.map(([name, distance]) => row(name, distance))],
          },
          {
            columns: ['measured', 'p50 ms', 'p99 ms', 'min ms', 'max ms'],
            rows: [
              ['sharp decode alone (main thread)', decode],
              ['identify, one face (worker round trip)', identifyOne],
              ['identify, three faces (worker round trip)', identifyThree],
            ].map(([name, values]) => {
              const samples = values as number[];
              const [p50, p99] = [percentile(samples, 0.5), percentile(samples, 0.99)];
              return [name as string, fixed(p50), fixed(p99), fixed(Math.min(...samples)), fixed(Math.max(...samples))];
            }),
          },
        ],
        notes: [
          "The recognizer `doorbell start` runs: `FaceModelWorker` (one worker thread) with face-api's SSD MobileNet v1 detector, " +
            '68-landmark alignment and 128-number descriptor on TensorFlow.js\'s WebAssembly backend, fed by sharp. "Identify" is one ' +
            'round trip to the worker: decode (EXIF rotation, colour conversion, scaling to 1280 px at most), detection, landmarks and a ' +
            'descriptor per face. The baseline is sharp decoding the same photo alone, in the same run, interleaved with it.',
          `Photos are derived from the real samples (samples/README.md) by bench/face-model/bench-photos.ts: the one-face photo is ` +
            `samples/eileen-collins-1.jpg; three faces are three portraits side by side; the small face is that photo scaled so that ` +
            `the face is ${SMALL_FACE_PX} px wide, on a grey 640 × 480 frame. Memory is the process RSS before starting the worker ` +
            'and after the timed runs.',
          'Robustness: the descriptor distance between the face of samples/eileen-collins-1.jpg and that of each copy, and between ' +
            'different people. The similarity column is the scale the doorbell reports (100 − 20 × distance); the default match ' +
            'threshold 90 is distance 0.5.',
        ],
        data: {
          runs,
          loadMs,
          rssBefore,
          rssAfter,
          decodeMs: decode,
          identifyOneMs: identifyOne,
          identifyThreeMs: identifyThree,
          copies,
          people,
        },
      };
    } finally {
      await model.close();
    }
  },
};
