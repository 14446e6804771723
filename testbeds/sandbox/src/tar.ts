import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname, isAbsolute, join, normalize, sep } from 'node:path'
import { gunzipSync } from 'node:zlib'

/** One regular file of a tar archive. */
export interface TarFile {
  path: string
  data: Buffer
}

/** Limits for archives that come over the network: Helm's own bounds for a packaged chart. */
const MAX_ARCHIVE_BYTES = 10 * 1024 * 1024
const MAX_UNPACKED_BYTES = 64 * 1024 * 1024

/**
 * The regular files of a gzipped tar archive (ustar, with PAX and GNU long names), as `helm package`
 * writes them. Throws on a truncated archive, a path that leaves the archive, or one too large.
 */
export function readTarGz(archive: Buffer): TarFile[] {
  if (archive.length > MAX_ARCHIVE_BYTES)
    throw new Error(`archive of ${archive.length} bytes exceeds the limit of ${MAX_ARCHIVE_BYTES}`)
  const tar = gunzipSync(archive, { maxOutputLength: MAX_UNPACKED_BYTES })
  const files: TarFile[] = []
  let offset = 0
  let longName: string | undefined
  while (offset + 512 <= tar.length) {
    const header = tar.subarray(offset, offset + 512)
    if (header.every((b) => b === 0)) break
    const size = Number.parseInt(field(header, 124, 12).trim() || '0', 8)
    if (!Number.isFinite(size) || size < 0) throw new Error(`corrupt tar header at byte ${offset}`)
    const type = String.fromCharCode(header[156] ?? 0)
    const start = offset + 512
    if (start + size > tar.length) throw new Error('truncated tar archive')
    const data = tar.subarray(start, start + size)
    offset = start + Math.ceil(size / 512) * 512
    if (type === 'x') {
      longName = paxPath(data.toString('utf8')) ?? longName
      continue
    }
    if (type === 'L') {
      longName = data.toString('utf8').replace(/\0+$/, '')
      continue
    }
    const prefix = field(header, 345, 155)
    const path = longName ?? (prefix ? `${prefix}/${field(header, 0, 100)}` : field(header, 0, 100))
    longName = undefined
    if (type !== '0' && type !== '\0') continue // directories, links: nothing to read
    files.push({ path: safePath(path), data: Buffer.from(data) })
  }
  return files
}

/** Writes the archive's files under `dir`. */
export function extractTarGz(archive: Buffer, dir: string): void {
  for (const file of readTarGz(archive)) {
    const target = join(dir, file.path)
    mkdirSync(dirname(target), { recursive: true })
    writeFileSync(target, file.data)
  }
}

function field(header: Buffer, start: number, length: number): string {
  const raw = header.subarray(start, start + length)
  const end = raw.indexOf(0)
  return raw.subarray(0, end === -1 ? length : end).toString('utf8')
}

function paxPath(records: string): string | undefined {
  for (const line of records.split('\n')) {
    const m = /^\d+ path=(.*)$/.exec(line)
    if (m) return m[1]
  }
  return undefined
}

function safePath(path: string): string {
  const normal = normalize(path)
  if (isAbsolute(normal) || normal === '..' || normal.startsWith(`..${sep}`))
    throw new Error(`archive entry "${path}" leaves the archive`)
  return normal
}
