import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { LambdaFunctionName } from '../../infrastructure/cdk/lambda-functions';

export const FLOORS_DIR = path.join(path.dirname(new URL(import.meta.url).pathname), 'floors');

/**
 * Writes, in `outputDir`, the entry of `name`'s new floor: its floor's handler (`floors/<name>.ts`, the same SDK
 * calls) bound in an inversify container as every root binds (`floors/in-container.ts`). Returns the entry's path.
 */
export function newFloorEntry(name: LambdaFunctionName, outputDir: string): string {
  const entry = path.join(outputDir, 'new-floor.ts');
  writeFileSync(
    entry,
    `import { handler as floorHandler } from ${JSON.stringify(path.join(FLOORS_DIR, `${name}.ts`))};\n` +
      `import { inContainer } from ${JSON.stringify(path.join(FLOORS_DIR, 'in-container.ts'))};\n` +
      'export const handler = inContainer(floorHandler);\n',
  );
  return entry;
}
