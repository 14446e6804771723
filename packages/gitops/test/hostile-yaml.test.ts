import { describe, expect, it } from 'vitest'
import { editImageTag } from '../src/edit-image-tag'

const tagged = 'image:\n  repository: ghcr.io/acme/app\n  tag: "1.0"\n'

describe('hostile YAML: refused with one line, at a cost that grows with the file, not its square', () => {
  it('finds a repeated key at the end of a mapping of 50,000 keys, with its line and column', () => {
    const keys = Array.from({ length: 50_000 }, (_, i) => `  KEY_${i}: v`)
    const content = `${tagged}env:\n${keys.join('\n')}\n  KEY_7: again\n`
    expect(() => editImageTag({ content, fileName: 'big.yaml', tag: '2.0' })).toThrow(
      'big.yaml:50005:3 is not valid YAML: Map keys must be unique',
    )
  })

  it("follows yaml's rule: equal scalars repeat, 1 and '1' do not; nested and flow mappings are checked", () => {
    const edit = (extra: string) => () =>
      editImageTag({ content: `${tagged}${extra}`, fileName: 'f.yaml', tag: '2' })
    expect(edit('m:\n  1: a\n  "1": b\n')).not.toThrow()
    expect(edit('list:\n  - {a: 1, b: 2, a: 3}\n')).toThrow(
      /^f\.yaml:5:18 is not valid YAML: Map keys must be unique$/,
    )
    expect(edit('list:\n  - x:\n      ~: 1\n      null: 2\n')).toThrow(/^f\.yaml:7:7 is not valid YAML/)
  })

  it('edits a file of 100,000 keys', () => {
    const keys = Array.from({ length: 100_000 }, (_, i) => `  KEY_${i}: value-${i}`)
    const content = `${tagged}env:\n${keys.join('\n')}\n`
    const result = editImageTag({ content, fileName: 'big.yaml', tag: '2.0' })
    expect(result.content).toBe(content.replace('tag: "1.0"', 'tag: "2.0"'))
  })

  it('names a few of thousands of equally likely fields, on one short line', () => {
    const content = Array.from({ length: 2_000 }, (_, i) => `c${i}:\n  image: ghcr.io/acme/x${i}:1.0`).join(
      '\n',
    )
    const error = (() => {
      try {
        editImageTag({ content, fileName: 'many.yaml', tag: '2.0' })
      } catch (e) {
        return e as Error
      }
    })()
    expect(error?.message).toMatch(
      /^many\.yaml has 2000 equally likely image tag fields: c0\.image \(ghcr\.io\/acme\/x0:1\.0\), .* and 1995 more; choose with/,
    )
    expect(error!.message.length).toBeLessThan(400)
  })

  it('clips a huge value from the file in a message', () => {
    const content = `image: "${'Not a ref '.repeat(10_000)}" # {"$imagepolicy": "flux-system:app"}\n`
    expect(() => editImageTag({ content, fileName: 'f.yaml', tag: '2', field: 'image' })).toThrow(
      /^f\.yaml: image is not an image reference \('(Not a ref ){8}…'\)$/,
    )
  })
})
