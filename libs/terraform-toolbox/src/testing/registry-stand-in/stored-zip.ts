import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { basename } from 'node:path';
import { crc32 } from 'node:zlib';

/** One file of a {@link writeStoredZip} archive, and the unix mode it unpacks with. */
export interface ZipEntry {
  readonly path: string;
  readonly mode: number;
}

interface Written {
  readonly name: Buffer;
  readonly mode: number;
  readonly crc: number;
  readonly size: number;
  readonly offset: number;
}

const DESCRIPTOR_FLAG = 0x0008; // sizes and CRC follow the data, so a file is read once
const MADE_BY_UNIX = (3 << 8) | 20; // the external attributes carry a unix mode (terraform keeps the executable bit)

/**
 * Writes `entries` (by file name, uncompressed) into a zip at `zipFile`, streaming each file once; answers the
 * archive's SHA-256 in hex. Files stay under 4 GiB, so no zip64.
 */
export async function writeStoredZip(zipFile: string, entries: readonly ZipEntry[]): Promise<string> {
  const out = await open(zipFile, 'w');
  const hash = createHash('sha256');
  let offset = 0;
  const write = async (bytes: Buffer) => {
    hash.update(bytes);
    await out.write(bytes);
    offset += bytes.length;
  };
  try {
    const written: Written[] = [];
    for (const entry of entries) {
      const name = Buffer.from(basename(entry.path));
      const start = offset;
      await write(Buffer.concat([localHeader(name), name]));
      let crc = 0;
      let size = 0;
      for await (const chunk of createReadStream(entry.path)) {
        crc = crc32(chunk as Buffer, crc);
        size += (chunk as Buffer).length;
        await write(chunk as Buffer);
      }
      await write(u32s(0x08074b50, crc, size, size));
      written.push({ name, mode: entry.mode, crc, size, offset: start });
    }
    const directoryStart = offset;
    for (const file of written) await write(Buffer.concat([centralHeader(file), file.name]));
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(written.length, 8);
    end.writeUInt16LE(written.length, 10);
    end.writeUInt32LE(offset - directoryStart, 12);
    end.writeUInt32LE(directoryStart, 16);
    await write(end);
  } finally {
    await out.close();
  }
  return hash.digest('hex');
}

function localHeader(name: Buffer): Buffer {
  const header = Buffer.alloc(30);
  header.writeUInt32LE(0x04034b50, 0);
  header.writeUInt16LE(20, 4);
  header.writeUInt16LE(DESCRIPTOR_FLAG, 6);
  header.writeUInt16LE(0x21, 12); // 1980-01-01: a fixed date keeps the archive's hash stable
  header.writeUInt16LE(name.length, 26);
  return header;
}

function centralHeader(file: Written): Buffer {
  const header = Buffer.alloc(46);
  header.writeUInt32LE(0x02014b50, 0);
  header.writeUInt16LE(MADE_BY_UNIX, 4);
  header.writeUInt16LE(20, 6);
  header.writeUInt16LE(DESCRIPTOR_FLAG, 8);
  header.writeUInt16LE(0x21, 14);
  header.writeUInt32LE(file.crc, 16);
  header.writeUInt32LE(file.size, 20);
  header.writeUInt32LE(file.size, 24);
  header.writeUInt16LE(file.name.length, 28);
  header.writeUInt32LE(((0o100000 | file.mode) << 16) >>> 0, 38);
  header.writeUInt32LE(file.offset, 42);
  return header;
}

function u32s(...values: number[]): Buffer {
  const bytes = Buffer.alloc(4 * values.length);
  values.forEach((value, i) => bytes.writeUInt32LE(value >>> 0, 4 * i));
  return bytes;
}
