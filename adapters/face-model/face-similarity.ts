/**
 * The similarity scale of the model-backed recognizer, mapped onto Rekognition's 0–100 so that the household's
 * match threshold means the same with either recognizer:
 *
 *   similarity = 100 − 20 × (Euclidean distance between the two 128-number descriptors), at least 0.
 *
 * Distance 0.5 is similarity 90, the default match threshold. Measured on the sample photos (see bench/face-model):
 * copies of one face (resized, JPEG q40, ±30 % brightness, mirrored, rotated 10°, cropped) are ≤ 0.33 apart
 * (similarity ≥ 93), different people ≥ 0.65 (similarity ≤ 87). face-api's own "same person" cut-off is 0.6.
 */
export const SIMILARITY_PER_DISTANCE = 20;

export function similarityOfDistance(distance: number): number {
  return Math.max(0, 100 - SIMILARITY_PER_DISTANCE * distance);
}

/** Candidates below this similarity (distance above 1.0) are not reported, like Rekognition's FaceMatchThreshold. */
export const CANDIDATE_FLOOR = 80;

export function euclideanDistance(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += (a[i]! - b[i]!) ** 2;
  return Math.sqrt(sum);
}
