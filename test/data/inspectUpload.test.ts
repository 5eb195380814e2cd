import { expect } from 'chai';
import { crc32, deflateSync } from 'node:zlib';
import sharp from 'sharp';
import { DEFAULT_UPLOAD_LIMITS, inspectUpload } from '../../data/files/inspectUpload.js';
import { uploadFixture } from '../fixtures/uploadFiles.js';

/** A phone-camera JPEG: EXIF with a GPS position and a rotation, as phones write them. */
async function phonePhoto(width: number, height: number, orientation = 1): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: '#d0d8e0' } })
    .jpeg()
    .withExif({ IFD0: { Make: 'PhoneMaker', Model: 'X1' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '28/1 40/1 0/1' } })
    .withMetadata({ orientation })
    .toBuffer();
}

function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body) >>> 0);
  return Buffer.concat([length, body, crc]);
}

/** A PNG of a few hundred bytes whose header claims 100,000 x 100,000 pixels. */
function pngBomb(): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(100_000, 0);
  header.writeUInt32BE(100_000, 4);
  header.set([8, 0, 0, 0, 0], 8); // 8-bit greyscale
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([signature, pngChunk('IHDR', header), pngChunk('IDAT', deflateSync(Buffer.alloc(1000))), pngChunk('IEND', Buffer.alloc(0))]);
}

/** A one-page PDF; `extra` objects are added as they are, `streams` as FlateDecode streams. */
function pdf(extra: string[] = [], streams: { dict: string; body: Buffer }[] = []): Buffer {
  const parts: Buffer[] = [Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >> endobj\n', 'latin1')];
  extra.forEach((obj, i) => parts.push(Buffer.from(`${10 + i} 0 obj ${obj} endobj\n`, 'latin1')));
  streams.forEach(({ dict, body }, i) => {
    const packed = deflateSync(body);
    parts.push(Buffer.from(`${20 + i} 0 obj << ${dict} /Filter /FlateDecode /Length ${packed.length} >>\nstream\n`, 'latin1'), packed, Buffer.from('\nendstream\nendobj\n', 'latin1'));
  });
  parts.push(Buffer.from('trailer << /Root 1 0 R >>\n%%EOF\n', 'latin1'));
  return Buffer.concat(parts);
}

describe('uploaded materials are checked by their content', () => {
  it('re-encodes a phone photo as JPEG without its EXIF and location, turned the way it was taken', async () => {
    const photo = await phonePhoto(600, 400, 6);
    expect((await sharp(photo).metadata()).exif?.toString('latin1')).to.include('PhoneMaker');
    const result = await inspectUpload(photo, 'document');
    expect(result).to.include({ ok: true, mime: 'image/jpeg', width: 400, height: 600 });
    const meta = await sharp(result.ok ? result.bytes : Buffer.alloc(0)).metadata();
    expect(meta.exif).to.equal(undefined);
    expect(meta.orientation).to.equal(undefined);
  });

  it('keeps a readable size: a 12-megapixel photo comes back at most 2400 pixels on its long side', async () => {
    const result = await inspectUpload(await phonePhoto(4000, 3000), 'document');
    expect(result).to.include({ ok: true, width: 2400, height: 1800 });
  });

  it('reads a PNG screenshot and an iPhone HEIC photo', async () => {
    const png = await sharp({ create: { width: 500, height: 700, channels: 4, background: '#ffffff' } }).png().toBuffer();
    expect(await inspectUpload(png, 'portrait')).to.include({ ok: true, mime: 'image/jpeg', width: 500, height: 700 });
    expect(await inspectUpload(uploadFixture('portrait-400x600.heic'), 'portrait')).to.include({ ok: true, mime: 'image/jpeg', width: 400, height: 600 });
  });

  it('checks the two-inch photo: standing, and large enough to print', async () => {
    expect(await inspectUpload(await phonePhoto(600, 400), 'portrait')).to.deep.equal({ ok: false, problem: 'portraitLandscape' });
    expect(await inspectUpload(await phonePhoto(200, 280), 'portrait')).to.deep.equal({ ok: false, problem: 'portraitTooSmall' });
    expect(await inspectUpload(await phonePhoto(413, 579), 'portrait')).to.include({ ok: true });
  });

  it('refuses what is too large, empty, of another type, or not really an image', async () => {
    const big = await phonePhoto(600, 800);
    expect(await inspectUpload(big, 'document', { ...DEFAULT_UPLOAD_LIMITS, maxBytes: big.length - 1 })).to.deep.equal({ ok: false, problem: 'tooLarge' });
    expect(await inspectUpload(Buffer.alloc(0), 'document')).to.deep.equal({ ok: false, problem: 'empty' });
    const zip = Buffer.concat([Buffer.from('PK\x03\x04', 'latin1'), Buffer.alloc(200)]);
    expect(await inspectUpload(zip, 'document')).to.include({ ok: false, problem: 'type' });
    expect(await inspectUpload(Buffer.from('<html><script>alert(1)</script></html>'), 'document')).to.include({ ok: false, problem: 'type' });
    const truncated = big.subarray(0, 300);
    expect(await inspectUpload(truncated, 'document')).to.include({ ok: false, problem: 'undecodable' });
  });

  it('refuses an image whose header claims more pixels than allowed, before decoding it', async () => {
    expect(await inspectUpload(pngBomb(), 'document')).to.deep.equal({ ok: false, problem: 'bomb' });
  });

  it('keeps a plain PDF as sent, and refuses one that runs a script or launches something', async () => {
    const plain = pdf();
    const accepted = await inspectUpload(plain, 'document');
    expect(accepted).to.include({ ok: true, mime: 'application/pdf', pages: 1 });
    expect(accepted.ok && accepted.bytes.equals(plain)).to.equal(true);
    expect(await inspectUpload(pdf(['<< /S /JavaScript /JS (app.alert(1)) >>']), 'document')).to.include({ ok: false, problem: 'pdfActiveContent' });
    expect(await inspectUpload(pdf(['<< /S /Launch /F (cmd.exe) >>']), 'document')).to.include({ ok: false, problem: 'pdfActiveContent' });
    expect(await inspectUpload(pdf(['<< /Filter /Standard /V 2 >>', '<< /Encrypt 10 0 R >>']), 'document')).to.include({ ok: false, problem: 'pdfEncrypted' });
    expect(await inspectUpload(plain, 'portrait')).to.include({ ok: false, problem: 'notPhoto' });
  });

  it('finds a script hidden in a compressed object stream, and stops a stream that inflates without bound', async () => {
    const hidden = pdf([], [{ dict: '/Type /ObjStm /N 1 /First 4', body: Buffer.from('30 0 << /S /JavaScript /JS (app.alert(1)) >>', 'latin1') }]);
    expect(await inspectUpload(hidden, 'document')).to.include({ ok: false, problem: 'pdfActiveContent' });
    const bomb = pdf([], [{ dict: '/Length1 0', body: Buffer.alloc(80 * 1024 * 1024) }]);
    expect(bomb.length).to.be.below(DEFAULT_UPLOAD_LIMITS.maxBytes);
    expect(await inspectUpload(bomb, 'document')).to.include({ ok: false, problem: 'bomb' });
  });
});
