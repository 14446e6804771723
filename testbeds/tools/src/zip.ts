import { closeSync, fstatSync, openSync, readSync } from 'node:fs'
import { crc32, inflateRawSync } from 'node:zlib'

/** One file of a zip archive, as its central directory describes it. */
export interface ZipEntry {
  name: string
  method: number
  compressedSize: number
  size: number
  crc: number
  localHeaderOffset: number
  /** Unix mode bits when the archive was made on Unix (0 otherwise). */
  mode: number
}

const EOCD = 0x06054b50
const CENTRAL = 0x02014b50
const LOCAL = 0x04034b50

function readAt(fd: number, position: number, length: number): Buffer {
  const buffer = Buffer.alloc(length)
  let done = 0
  while (done < length) {
    const n = readSync(fd, buffer, done, length - done, position + done)
    if (n === 0) throw new Error(`unexpected end of zip file at byte ${position + done}`)
    done += n
  }
  return buffer
}

/**
 * A minimal reader for plain (non-zip64, unencrypted) archives: enough for the kubectl layer, and
 * no `unzip` command needed on a fresh machine.
 */
export class ZipFile {
  readonly entries: ZipEntry[]
  private readonly fd: number

  constructor(readonly path: string) {
    this.fd = openSync(path, 'r')
    try {
      this.entries = this.readDirectory()
    } catch (error) {
      closeSync(this.fd)
      throw error
    }
  }

  private readDirectory(): ZipEntry[] {
    const size = fstatSync(this.fd).size
    // The end-of-central-directory record is 22 bytes plus a comment of at most 65535.
    const tailLength = Math.min(size, 22 + 65535)
    const tail = readAt(this.fd, size - tailLength, tailLength)
    let eocd = -1
    for (let i = tail.length - 22; i >= 0; i--) {
      if (tail.readUInt32LE(i) === EOCD) {
        eocd = i
        break
      }
    }
    if (eocd < 0) throw new Error(`${this.path} is not a zip file (no end of central directory)`)
    const count = tail.readUInt16LE(eocd + 10)
    const directorySize = tail.readUInt32LE(eocd + 12)
    const directoryOffset = tail.readUInt32LE(eocd + 16)
    if (directoryOffset === 0xffffffff)
      throw new Error(`${this.path} is a zip64 archive, which this reader does not handle`)
    const directory = readAt(this.fd, directoryOffset, directorySize)
    const entries: ZipEntry[] = []
    let at = 0
    for (let i = 0; i < count; i++) {
      if (directory.readUInt32LE(at) !== CENTRAL)
        throw new Error(`${this.path}: corrupt central directory entry ${i}`)
      const nameLength = directory.readUInt16LE(at + 28)
      const extraLength = directory.readUInt16LE(at + 30)
      const commentLength = directory.readUInt16LE(at + 32)
      entries.push({
        method: directory.readUInt16LE(at + 10),
        crc: directory.readUInt32LE(at + 16),
        compressedSize: directory.readUInt32LE(at + 20),
        size: directory.readUInt32LE(at + 24),
        mode: (directory.readUInt32LE(at + 38) >>> 16) & 0o7777,
        localHeaderOffset: directory.readUInt32LE(at + 42),
        name: directory.toString('utf8', at + 46, at + 46 + nameLength),
      })
      at += 46 + nameLength + extraLength + commentLength
    }
    return entries
  }

  /** The bytes of one file, checked against the size and CRC-32 the archive records. */
  read(name: string): Buffer {
    const entry = this.entries.find((e) => e.name === name)
    if (!entry) throw new Error(`${this.path} has no ${name}`)
    const header = readAt(this.fd, entry.localHeaderOffset, 30)
    if (header.readUInt32LE(0) !== LOCAL) throw new Error(`${this.path}: corrupt local header for ${name}`)
    const dataStart = entry.localHeaderOffset + 30 + header.readUInt16LE(26) + header.readUInt16LE(28)
    const raw = readAt(this.fd, dataStart, entry.compressedSize)
    let data: Buffer
    if (entry.method === 0) data = raw
    else if (entry.method === 8) data = inflateRawSync(raw)
    else
      throw new Error(
        `${this.path}: ${name} uses compression method ${entry.method}, which this reader does not handle`,
      )
    if (data.length !== entry.size || crc32(data) !== entry.crc) {
      throw new Error(`${this.path}: ${name} does not match its recorded size and checksum`)
    }
    return data
  }

  close(): void {
    closeSync(this.fd)
  }
}
