import type * as Tf from '@tensorflow/tfjs-core';

type TensorMethod = (this: Tf.Tensor, ...args: unknown[]) => Tf.Tensor;

/**
 * face-api's node-wasm build calls chained tensor methods (`t.as3D(…)`, `t.sub(…)`) that the full
 * `@tensorflow/tfjs` bundle registers; tfjs-core, which face-api is given instead (see load-face-model.ts), ships
 * them only as extensionless ES modules Node cannot load. So each core op is registered here as a method taking
 * the tensor as its first argument, plus the few renamed ones.
 */
export function registerChainedOps(tf: typeof Tf): void {
  const prototype = tf.Tensor.prototype as unknown as Record<string, TensorMethod>;
  for (const [name, op] of Object.entries(tf)) {
    if (typeof op === 'function' && !(name in prototype)) {
      prototype[name] = function (this: Tf.Tensor, ...args: unknown[]) {
        return (op as (...all: unknown[]) => Tf.Tensor)(this, ...args);
      };
    }
  }
  const reshape = (shape: number[]) =>
    function (this: Tf.Tensor) {
      return tf.reshape(this, shape);
    };
  Object.assign(prototype, {
    as1D(this: Tf.Tensor) {
      return tf.reshape(this, [this.size]);
    },
    as2D(this: Tf.Tensor, rows: number, columns: number) {
      return tf.reshape(this, [rows, columns]);
    },
    as3D(this: Tf.Tensor, rows: number, columns: number, depth: number) {
      return tf.reshape(this, [rows, columns, depth]);
    },
    as4D(this: Tf.Tensor, rows: number, columns: number, depth: number, depth2: number) {
      return tf.reshape(this, [rows, columns, depth, depth2]);
    },
    asScalar: reshape([]),
    asType(this: Tf.Tensor, dtype: Tf.DataType) {
      return tf.cast(this, dtype);
    },
    toFloat(this: Tf.Tensor) {
      return tf.cast(this, 'float32');
    },
    toInt(this: Tf.Tensor) {
      return tf.cast(this, 'int32');
    },
    flatten(this: Tf.Tensor) {
      return tf.reshape(this, [this.size]);
    },
  });
}
