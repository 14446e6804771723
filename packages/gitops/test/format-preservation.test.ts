import { describe, expect, it } from 'vitest'
import { parseAllDocuments } from 'yaml'
import { editImageTag } from '../src/edit-image-tag'

describe('format preservation', () => {
  it('keeps CRLF line endings, comments and blank lines', () => {
    const content =
      '# app\r\nimage:\r\n  repository: ghcr.io/acme/app # the app\r\n\r\n  tag: 1.0.0 # current\r\n'
    const result = editImageTag({ content, fileName: 'values.yaml', tag: '1.0.1' })
    expect(result.content).toBe(
      '# app\r\nimage:\r\n  repository: ghcr.io/acme/app # the app\r\n\r\n  tag: 1.0.1 # current\r\n',
    )
  })

  it('quotes a tag that would read back as a number, and keeps single quotes', () => {
    expect(
      editImageTag({ content: 'image:\n  repository: a/b\n  tag: v1\n', fileName: 'v.yaml', tag: '1.10' })
        .content,
    ).toBe('image:\n  repository: a/b\n  tag: "1.10"\n')
    for (const tag of ['1e5', 'true', 'yes', 'null', '0x1F', '123']) {
      const out = editImageTag({
        content: 'image:\n  repository: a/b\n  tag: v1\n',
        fileName: 'v.yaml',
        tag,
      }).content
      expect(parseAllDocuments(out)[0]!.toJS().image.tag).toBe(tag)
    }
    expect(
      editImageTag({ content: "image:\n  repository: a/b\n  tag: 'v1'\n", fileName: 'v.yaml', tag: '2.0' })
        .content,
    ).toBe("image:\n  repository: a/b\n  tag: '2.0'\n")
  })

  it('keeps comments in every position', () => {
    const content = [
      '# head comment',
      '---',
      '# before the document',
      'apiVersion: helm.toolkit.fluxcd.io/v2 # trailing',
      'kind: HelmRelease',
      'metadata: {name: app} # flow with comment',
      'spec:',
      '  # before values',
      '  values:',
      '    image: # after a key with a block value',
      '      # inside the block',
      '      repository: ghcr.io/acme/app',
      '',
      '      # before the tag',
      "      tag: 'v1' # after the tag",
      '      # after the last item',
      '    # dedented comment',
      '# between documents',
      '---',
      'kind: ConfigMap # second document',
      '# end of file',
      '',
    ].join('\n')
    const result = editImageTag({ content, fileName: 'c.yaml', tag: 'v2' })
    expect(result.content).toBe(content.replace("tag: 'v1'", "tag: 'v2'"))
  })

  it('keeps a file with no final newline and a flow mapping', () => {
    expect(
      editImageTag({ content: 'image: {repository: a/b, tag: v1}', fileName: 'v.yaml', tag: 'v2' }).content,
    ).toBe('image: {repository: a/b, tag: v2}')
  })

  it('changes nothing when the tag is already there', () => {
    const content = 'image:\n  repository: a/b\n  tag: "v2"\n'
    const result = editImageTag({ content, fileName: 'v.yaml', tag: 'v2' })
    expect(result).toMatchObject({ changed: false, content, previousTag: 'v2', changes: [] })
  })

  it('drops the digest of an image reference whose tag changes, and keeps a registry port', () => {
    const content =
      'containers:\n  - name: app\n    image: registry.local:5000/team/app:1.0@sha256:abc # pinned\n'
    const result = editImageTag({ content, fileName: 'd.yaml', tag: '1.1' })
    expect(result.content).toBe(
      'containers:\n  - name: app\n    image: registry.local:5000/team/app:1.1 # pinned\n',
    )
    expect(result.previousTag).toBe('1.0')
  })

  it('refuses an alias bomb in the file or in the values with one line, instead of comparing it forever', () => {
    const levels = ['a: &a ["x","x","x","x","x","x","x","x","x","x"]']
    for (let i = 1; i < 12; i++) {
      const previous = String.fromCharCode(96 + i)
      const name = String.fromCharCode(97 + i)
      levels.push(`${name}: &${name} [${Array(10).fill(`*${previous}`).join(',')}]`)
    }
    const bomb = `${levels.join('\n')}\nimage:\n  repository: a/b\n  tag: v1\n`
    expect(() => editImageTag({ content: bomb, fileName: 'bomb.yaml', tag: 'v2' })).toThrow(
      /^bomb\.yaml: Excessive alias count/,
    )
    expect(() =>
      editImageTag({
        content: 'image:\n  repository: a/b\n  tag: v1\n',
        fileName: 'v.yaml',
        tag: 'v2',
        values: bomb,
      }),
    ).toThrow(/^Input 'values': Excessive alias count/)
  })
})
