import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { detectImageType } from '../../domain/photo-type';
import { sample } from '../support/sample-photos';

describe('detectImageType', () => {
  it('names the sample JPEGs and a PNG signature', () => {
    expect(detectImageType(sample('alice-1.jpg'))).toBe('image/jpeg');
    expect(detectImageType(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]))).toBe('image/png');
  });

  it('calls nothing an image that starts otherwise: text, HTML, empty or truncated signatures', () => {
    expect(detectImageType(new TextEncoder().encode('<!doctype html>'))).toBeUndefined();
    expect(detectImageType(new Uint8Array([0xff, 0xd8]))).toBeUndefined();
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        const isJpeg = bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff;
        const isPng = bytes.length >= 8 && [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a].every((b, i) => bytes[i] === b);
        expect(detectImageType(bytes)).toBe(isPng ? 'image/png' : isJpeg ? 'image/jpeg' : undefined);
      }),
    );
  });
});
