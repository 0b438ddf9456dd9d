import { beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import sharp from 'sharp';
import { FaceManifestError, readFaceManifest, withFaceManifest } from '../../../adapters/in-memory/face-manifest';

const ascii = (text: string): Uint8Array => Uint8Array.from(text, (c) => c.charCodeAt(0));
const concat = (...parts: Uint8Array[]): Uint8Array => Uint8Array.from(parts.flatMap((p) => [...p]));
const label = fc.stringMatching(/^[a-z0-9][a-z0-9-]{0,31}$/);

// Real encoder output, so the tests cover what sharp/libjpeg/libpng actually write.
let jpeg: Uint8Array;
let png: Uint8Array;
beforeAll(async () => {
  const image = sharp({ create: { width: 16, height: 12, channels: 3, background: '#c08040' } });
  jpeg = new Uint8Array(await image.clone().jpeg({ quality: 70 }).toBuffer());
  png = new Uint8Array(await image.clone().png().toBuffer());
});

const formats = [
  { name: 'JPEG', photo: () => jpeg },
  { name: 'PNG', photo: () => png },
];

describe.each(formats)('face manifest in a $name', ({ photo }) => {
  it('reads back the labels it wrote', () => {
    const tagged = withFaceManifest(photo(), ['alice', 'stranger']);
    expect(readFaceManifest(tagged)).toEqual(['alice', 'stranger']);
  });

  it('reads back an empty list as "no face"', () => {
    expect(readFaceManifest(withFaceManifest(photo(), []))).toEqual([]);
  });

  it('round-trips any list of valid labels', () => {
    fc.assert(
      fc.property(fc.array(label, { maxLength: 8 }), (labels) => {
        expect(readFaceManifest(withFaceManifest(photo(), labels))).toEqual(labels);
      }),
    );
  });

  it('replaces an existing manifest instead of adding a second one', () => {
    const once = withFaceManifest(photo(), ['alice']);
    const twice = withFaceManifest(once, ['bob', 'stranger']);
    expect(readFaceManifest(twice)).toEqual(['bob', 'stranger']);
    expect(withFaceManifest(twice, ['alice'])).toEqual(once);
  });

  it('leaves the input untouched and the image decodable', async () => {
    const original = photo().slice();
    const tagged = withFaceManifest(photo(), ['alice']);
    expect(photo()).toEqual(original);
    const { info } = await sharp(tagged).raw().toBuffer({ resolveWithObject: true });
    expect([info.width, info.height]).toEqual([16, 12]);
  });

  it('returns undefined for a photo without a manifest', () => {
    expect(readFaceManifest(photo())).toBeUndefined();
  });

  it('returns undefined for every truncated prefix of a manifest photo, without throwing', () => {
    const tagged = withFaceManifest(photo(), ['alice', 'stranger']);
    for (let length = 0; length < tagged.length; length++) {
      expect(readFaceManifest(tagged.subarray(0, length))).toBeUndefined();
    }
  });

  it('never throws on a corrupted manifest photo, and yields only valid labels', () => {
    const tagged = withFaceManifest(photo(), ['alice', 'stranger']);
    fc.assert(
      fc.property(fc.nat({ max: tagged.length - 1 }), fc.integer({ min: 0, max: 255 }), (index, byte) => {
        const corrupted = tagged.slice();
        corrupted[index] = byte;
        const labels = readFaceManifest(corrupted);
        expect(labels === undefined || labels.every((l) => /^[a-z0-9][a-z0-9-]{0,31}$/.test(l))).toBe(true);
      }),
    );
  });
});

describe('face manifest byte format', () => {
  it('puts a COM segment right after the JPEG SOI', () => {
    const tagged = withFaceManifest(jpeg, ['alice', 'stranger']);
    const text = 'doorbell-faces: alice, stranger';
    expect(tagged.subarray(0, 6)).toEqual(Uint8Array.of(0xff, 0xd8, 0xff, 0xfe, 0x00, text.length + 2));
    expect(tagged.subarray(6, 6 + text.length)).toEqual(ascii(text));
    expect(tagged.subarray(6 + text.length)).toEqual(jpeg.subarray(2));
  });

  it('writes `doorbell-faces:` alone in a JPEG for "no face"', () => {
    const tagged = withFaceManifest(jpeg, []);
    expect(tagged.subarray(6, 6 + 15)).toEqual(ascii('doorbell-faces:'));
    expect([tagged[4], tagged[5]]).toEqual([0x00, 17]); // length = 15 text bytes + 2
  });

  it('writes a PNG tEXt chunk after IHDR that libpng accepts (so the CRC is right)', async () => {
    const tagged = withFaceManifest(png, ['alice', 'stranger']);
    const ihdrEnd = 8 + 12 + 13;
    expect(tagged.subarray(ihdrEnd + 4, ihdrEnd + 8)).toEqual(ascii('tEXt'));
    const { comments } = await sharp(tagged).metadata();
    expect(comments).toContainEqual({ keyword: 'doorbell-faces', text: 'alice, stranger' });
  });

  it('ignores and keeps JPEG comments that are not manifests', () => {
    const note = concat(Uint8Array.of(0xff, 0xfe, 0x00, 2 + 5), ascii('hello'));
    const commented = concat(jpeg.subarray(0, 2), note, jpeg.subarray(2));
    expect(readFaceManifest(commented)).toBeUndefined();
    const tagged = withFaceManifest(commented, ['bob']);
    expect(readFaceManifest(tagged)).toEqual(['bob']);
    expect(tagged.subarray(tagged.length - commented.length + 2)).toEqual(commented.subarray(2));
  });

  it('rejects a PNG manifest whose CRC does not match', () => {
    const tagged = withFaceManifest(png, ['alice']);
    const textStart = 8 + 12 + 13 + 8 + 'doorbell-faces\0'.length;
    const tampered = tagged.slice();
    tampered[textStart] = 'b'.charCodeAt(0); // "alice" → "blice" without fixing the CRC
    expect(readFaceManifest(tampered)).toBeUndefined();
  });

  it('treats a manifest with an invalid label as no manifest', () => {
    const text = 'doorbell-faces: Alice';
    const bad = concat(jpeg.subarray(0, 2), Uint8Array.of(0xff, 0xfe, 0x00, text.length + 2), ascii(text), jpeg.subarray(2));
    expect(readFaceManifest(bad)).toBeUndefined();
  });
});

describe('readFaceManifest on arbitrary bytes', () => {
  it('never throws on arbitrary bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 512 }), (bytes) => {
        expect(() => readFaceManifest(bytes)).not.toThrow();
      }),
    );
  });

  it('never throws on arbitrary bytes that start like a JPEG or PNG', () => {
    const headers = [Uint8Array.of(0xff, 0xd8), Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)];
    fc.assert(
      fc.property(fc.constantFrom(...headers), fc.uint8Array({ maxLength: 512 }), (header, rest) => {
        expect(() => readFaceManifest(concat(header, rest))).not.toThrow();
      }),
    );
  });
});

describe('withFaceManifest rejects', () => {
  it.each(['', 'Alice', 'bob smith', 'a,b', '-bob', 'élise', 'x'.repeat(33)])('the label %j', (bad) => {
    expect(() => withFaceManifest(jpeg, ['alice', bad])).toThrow(FaceManifestError);
    expect(() => withFaceManifest(png, [bad])).toThrow(FaceManifestError);
  });

  it('accepts labels at the edges of the rule', () => {
    const labels = ['a', '7', 'bob-2', 'x'.repeat(32)];
    expect(readFaceManifest(withFaceManifest(jpeg, labels))).toEqual(labels);
  });

  it('bytes that are neither JPEG nor PNG', () => {
    expect(() => withFaceManifest(ascii('GIF89a'), ['alice'])).toThrow(FaceManifestError);
    expect(() => withFaceManifest(new Uint8Array(), [])).toThrow(FaceManifestError);
  });

  it('a truncated JPEG or PNG', () => {
    expect(() => withFaceManifest(jpeg.subarray(0, jpeg.length - 2), ['alice'])).toThrow(FaceManifestError);
    expect(() => withFaceManifest(png.subarray(0, png.length - 1), ['alice'])).toThrow(FaceManifestError);
  });

  it('more labels than one JPEG comment can hold', () => {
    const many = Array.from({ length: 2000 }, (_, i) => `person-${i}`.padEnd(32, '0'));
    expect(() => withFaceManifest(jpeg, many)).toThrow(FaceManifestError);
    expect(readFaceManifest(withFaceManifest(png, many))).toEqual(many);
  });
});
