import type { Benchmark, Figure } from '../section';
import { verdict } from '../section';
import { fixed } from '../stats';
import { AWS_PRICES, PRICES_READ_ON } from './aws-prices';
import { costPer1000Rings, totalUsd } from './cost-model';
import { countRekognitionCalls } from './count-rekognition-calls';
import { modelIdentifyMs } from './model-identify-duration';
import { DEVICES_CONNECTED, faceModelRingUsage, RING_USAGE } from './ring-usage';

const usd = (value: number) => `$${value < 0.01 ? value.toFixed(4) : value.toFixed(2)}`;

export const rekognitionCost: Benchmark = {
  id: 'rekognition-cost',
  title: 'Rekognition calls per ring, and cost per 1,000 rings',
  async run({ quick }) {
    const counts = await countRekognitionCalls(quick ? [0, 1, 2] : [0, 1, 2, 3, 5, 9]);
    const rings = counts.filter((count) => !count.case.startsWith('duplicate'));
    const duplicate = counts.find((count) => count.case.startsWith('duplicate'))!;
    const callsFor = (faces: number) => rings.find((count) => count.case.startsWith(`${faces} face`))?.total;
    const oneFace = callsFor(1) ?? 0;
    const twoFaces = callsFor(2) ?? 0;
    const costOne = costPer1000Rings(oneFace, RING_USAGE);
    const costTwo = costPer1000Rings(twoFaces, RING_USAGE);
    // The face model in identify instead: no Rekognition call, a bigger and longer identify, one more Query.
    const identifyMs = await modelIdentifyMs(quick ? 5 : 30);
    const modelUsage = faceModelRingUsage(identifyMs);
    const costModel = costPer1000Rings(0, modelUsage);
    const figures: Figure[] = [
      {
        name: 'Rekognition calls per ring (0 / 1 / 2 / … faces)',
        value: rings.map((count) => `${count.case}: ${count.total}`).join(', '),
        baseline: '1 + faces (DetectFaces, then one SearchFacesByImage per face, at most 10)',
        target: '',
        verdict: 'info',
      },
      {
        name: 'Rekognition calls for a duplicate S3 event',
        value: String(duplicate.total),
        baseline: `the ring itself (${rings.at(-1)!.case}): ${rings.at(-1)!.total} calls`,
        target: '0',
        verdict: verdict(duplicate.total === 0),
      },
      {
        name: 'cost per 1,000 rings (one face / two faces)',
        value: `${usd(totalUsd(costOne))} / ${usd(totalUsd(costTwo))}`,
        baseline: `Rekognition alone ${usd(costOne[0]!.usdPer1000Rings)} / ${usd(costTwo[0]!.usdPer1000Rings)}`,
        target: '',
        verdict: 'info',
      },
      {
        name: 'cost per 1,000 rings with the face model in identify (-c doorbell:recognizer=model)',
        value: usd(totalUsd(costModel)),
        baseline: `Rekognition, one face ${usd(totalUsd(costOne))}; identify ${modelUsage.lambdas.find((fn) => fn.name === 'identify')!.memoryMb} MB × ${fixed(identifyMs, 0)} ms measured here`,
        target: '',
        verdict: 'info',
      },
    ];
    const monthMinutes = 30 * 24 * 60;
    return {
      id: 'rekognition-cost',
      title: 'Rekognition calls per ring, and cost per 1,000 rings',
      figures,
      tables: [
        {
          columns: ['ring', 'outcome', 'DetectFaces', 'SearchFacesByImage', 'other', 'total calls'],
          rows: counts.map((count) => {
            const { DetectFaces = 0, SearchFacesByImage = 0, ...other } = count.calls;
            return [
              count.case,
              count.outcome,
              String(DetectFaces),
              String(SearchFacesByImage),
              String(Object.values(other).reduce((a, b) => a + b, 0)),
              String(count.total),
            ];
          }),
        },
        {
          columns: ['per 1,000 rings (one face)', 'quantity', 'price (us-east-1)', 'USD'],
          rows: [
            ...costOne.map((line) => [
              line.service,
              fixed(line.quantityPer1000Rings, line.quantityPer1000Rings < 10 ? 2 : 0),
              `$${line.price.usd} per ${line.price.per}`,
              usd(line.usdPer1000Rings),
            ]),
            ['total', '', '', usd(totalUsd(costOne))],
          ],
        },
        {
          columns: ['per 1,000 rings (one face), face model in identify', 'quantity', 'price (us-east-1)', 'USD'],
          rows: [
            ...costModel.map((line) => [
              line.service,
              fixed(line.quantityPer1000Rings, line.quantityPer1000Rings < 10 ? 2 : 0),
              `$${line.price.usd} per ${line.price.per}`,
              usd(line.usdPer1000Rings),
            ]),
            ['total', '', '', usd(totalUsd(costModel))],
          ],
        },
        {
          columns: ['price', 'USD', 'per', 'source'],
          rows: Object.values(AWS_PRICES).map((price) => [
            price.item,
            String(price.usd),
            price.per,
            `${price.source}${'note' in price ? ` (${price.note})` : ''}`,
          ]),
        },
      ],
      notes: [
        "Each ring goes through the in-memory doorbell (the use cases and the workflow handlers over the Lambdas' DI modules) with the " +
          'Rekognition adapter as its recognizer, talking through the real SDK to the loopback Rekognition of ' +
          '`test/support/fake-rekognition/` (faces are coloured rectangles; two visitors ' +
          'are enrolled), which records every call. The debounce window is 0 so that every ' +
          'press is its own ring. The duplicate is the same "Object Created" event delivered again (a new workflow execution): the ring ' +
          'is found recorded before any Rekognition call.',
        `Cost model: prices read on ${PRICES_READ_ON} (table above, us-east-1, on-demand, first tier, free tiers ignored). Per ring: ` +
          `${RING_USAGE.lambdas.map((fn) => `${fn.name} ${fn.memoryMb} MB × ${fn.durationMs} ms`).join(', ')} on arm64 (durations are ` +
          `assumptions, not measured on Lambda); ${RING_USAGE.stateTransitions} state transitions; ` +
          `${RING_USAGE.webSocketMessages} WebSocket messages (requestUpload, uploadUrl and the ` +
          `ring to ${DEVICES_CONNECTED} connected devices); ${RING_USAGE.dynamoDbReads} read and ` +
          `${RING_USAGE.dynamoDbWrites} write units (items under 1 KB); ${RING_USAGE.s3Puts} S3 PUT and ${RING_USAGE.s3Gets} GETs; ` +
          'one EventBridge event, free as an AWS service event. Rekognition ' +
          'dominates: everything else together is a few cents per 1,000 rings.',
        'With the face model (`-c doorbell:recognizer=model`): no Rekognition call; identify runs at ' +
          `${modelUsage.lambdas.find((fn) => fn.name === 'identify')!.memoryMb} MB for the p50 of the model's decode and inference ` +
          'of a 640 × 480 one-face photo measured in this run (InProcessFaceModel, as the Lambda runs it, model loaded: a cold ' +
          "start's load of a few seconds is not per ring), on this machine's CPU, which a 1536 MB Lambda (≈ 0.9 vCPU) may not " +
          "match; plus one Query of the household's descriptors (2 read units).",
        `Not per ring: keeping ${DEVICES_CONNECTED} devices connected all month is ${DEVICES_CONNECTED * monthMinutes} ` +
          'connection minutes, ' +
          `${usd(DEVICES_CONNECTED * monthMinutes * AWS_PRICES.webSocketConnectionMinute.usd)} a month ` +
          '(plus their reconnections every 2 h and any ' +
          "pings they send as messages); enrolled faces are stored at Rekognition's face-metadata rate; " +
          'photos at S3 storage rates until the retention expires them.',
      ],
      data: {
        counts,
        costPer1000Rings: { oneFace: costOne, twoFaces: costTwo, faceModel: costModel },
        usage: RING_USAGE,
        faceModelUsage: modelUsage,
        modelIdentifyMs: identifyMs,
        pricesReadOn: PRICES_READ_ON,
      },
    };
  },
};
