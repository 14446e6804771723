import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { crc32, deflateRawSync } from 'node:zlib'
import { afterAll, describe, expect, it } from 'vitest'
import { ensureHelm, ensureKubectl, ZipFile } from '../src/index'

const scratch = mkdtempSync(join(tmpdir(), 'tools-test-'))
afterAll(() => rmSync(scratch, { recursive: true, force: true }))

/** A zip with one deflated and one stored file, written by hand the way zip tools lay it out. */
function makeZip(files: { name: string; data: Buffer; deflate: boolean }[]): Buffer {
  const locals: Buffer[] = []
  const centrals: Buffer[] = []
  let offset = 0
  for (const file of files) {
    const body = file.deflate ? deflateRawSync(file.data) : file.data
    const name = Buffer.from(file.name)
    const local = Buffer.alloc(30)
    local.writeUInt32LE(0x04034b50, 0)
    local.writeUInt16LE(file.deflate ? 8 : 0, 8)
    local.writeUInt32LE(crc32(file.data), 14)
    local.writeUInt32LE(body.length, 18)
    local.writeUInt32LE(file.data.length, 22)
    local.writeUInt16LE(name.length, 26)
    const central = Buffer.alloc(46)
    central.writeUInt32LE(0x02014b50, 0)
    central.writeUInt16LE(file.deflate ? 8 : 0, 10)
    central.writeUInt32LE(crc32(file.data), 16)
    central.writeUInt32LE(body.length, 20)
    central.writeUInt32LE(file.data.length, 24)
    central.writeUInt16LE(name.length, 28)
    central.writeUInt32LE((0o100755 << 16) >>> 0, 38)
    central.writeUInt32LE(offset, 42)
    locals.push(local, name, body)
    centrals.push(central, name)
    offset += 30 + name.length + body.length
  }
  const directory = Buffer.concat(centrals)
  const end = Buffer.alloc(22)
  end.writeUInt32LE(0x06054b50, 0)
  end.writeUInt16LE(files.length, 8)
  end.writeUInt16LE(files.length, 10)
  end.writeUInt32LE(directory.length, 12)
  end.writeUInt32LE(offset, 16)
  return Buffer.concat([...locals, directory, end])
}

describe('ZipFile', () => {
  const text = Buffer.from('hello helm\n'.repeat(200))
  const path = join(scratch, 'ok.zip')
  writeFileSync(
    path,
    makeZip([
      { name: 'a/deflated.txt', data: text, deflate: true },
      { name: 'b/stored.txt', data: Buffer.from('stored'), deflate: false },
    ]),
  )

  it('lists entries with their Unix modes and reads deflated and stored files', () => {
    const zip = new ZipFile(path)
    try {
      expect(zip.entries.map((e) => [e.name, e.mode])).toEqual([
        ['a/deflated.txt', 0o755],
        ['b/stored.txt', 0o755],
      ])
      expect(zip.read('a/deflated.txt').equals(text)).toBe(true)
      expect(zip.read('b/stored.txt').toString()).toBe('stored')
      expect(() => zip.read('missing')).toThrow(/has no missing/)
    } finally {
      zip.close()
    }
  })

  it('refuses a corrupted file rather than handing out damaged bytes', () => {
    const bytes = makeZip([{ name: 'b/stored.txt', data: Buffer.from('stored'), deflate: false }])
    const at = 30 + 'b/stored.txt'.length
    bytes.writeUInt8(bytes.readUInt8(at) ^ 0xff, at)
    const bad = join(scratch, 'bad.zip')
    writeFileSync(bad, bytes)
    const zip = new ZipFile(bad)
    try {
      expect(() => zip.read('b/stored.txt')).toThrow(/checksum/)
    } finally {
      zip.close()
    }
  })

  it('says so when the file is not a zip', () => {
    const notZip = join(scratch, 'not.zip')
    writeFileSync(notZip, 'plain text')
    expect(() => new ZipFile(notZip)).toThrow(/not a zip file/)
  })
})

describe('ensureHelm / ensureKubectl', () => {
  it('gives working binaries from the registry package', () => {
    expect(execFileSync(ensureHelm(), ['version', '--short'], { encoding: 'utf8' })).toMatch(/^v4\./)
    expect(execFileSync(ensureKubectl(), ['version', '--client'], { encoding: 'utf8' })).toMatch(
      /Client Version: v1\.33/,
    )
  })
})
