/**
 * Test helpers: read a ZIP into its parts and write parts back into a ZIP whose headers a test may falsify
 * (declared sizes, record counts, bytes before the archive). Never part of a build (`**\/testing/**`).
 */
import { crc32, deflateRawSync } from 'node:zlib';
import yauzl from 'yauzl';

export interface ZipPart {
  name: string;
  data: Buffer;
  /** 8 (deflate, default) or 0 (stored). */
  method?: 0 | 8;
  /** Uncompressed size written in the headers instead of the real one (a lying archive). */
  declaredSize?: number;
  /** Bytes written as the part's compressed data instead of compressing `data`. */
  rawCompressed?: Buffer;
}

export interface ZipOptions {
  /** Record count written in the end record instead of the real one. */
  declaredCount?: number;
  /** Bytes placed before the first local header (offsets are NOT shifted: an inconsistent archive). */
  prefix?: Buffer;
}

/** Every file part of a ZIP with its inflated bytes. */
export async function readZip(bytes: Buffer): Promise<ZipPart[]> {
  const zip = await yauzl.fromBufferPromise(bytes, { lazyEntries: true });
  const parts: ZipPart[] = [];
  for await (const entry of zip.eachEntry()) {
    if (entry.fileName.endsWith('/')) continue;
    const chunks: Buffer[] = [];
    for await (const c of (await zip.openReadStreamPromise(entry)) as AsyncIterable<Buffer>) chunks.push(c);
    parts.push({ name: entry.fileName, data: Buffer.concat(chunks) });
  }
  zip.close();
  return parts;
}

/** A ZIP of `parts`, in order. */
export function writeZip(parts: readonly ZipPart[], options: ZipOptions = {}): Buffer {
  const prefix = options.prefix ?? Buffer.alloc(0);
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const p of parts) {
    const name = Buffer.from(p.name, 'utf8');
    const method = p.method ?? 8;
    const body = p.rawCompressed ?? (method === 8 ? deflateRawSync(p.data) : p.data);
    const size = p.declaredSize ?? p.data.length;
    const crc = crc32(p.data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(method, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, body);
    centrals.push(central, name);
    offset += 30 + name.length + body.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  const count = options.declaredCount ?? parts.length;
  end.writeUInt16LE(count, 8);
  end.writeUInt16LE(count, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([prefix, ...locals, cd, end]);
}

/** Replaces (or adds) one part, keeping the others in order. */
export function withPart(parts: readonly ZipPart[], name: string, data: Buffer | string): ZipPart[] {
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  const found = parts.some((p) => p.name === name);
  return found
    ? parts.map((p) => (p.name === name ? { name, data: bytes } : p))
    : [...parts, { name, data: bytes }];
}
