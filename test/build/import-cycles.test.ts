import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { findImportCycles } from '../../scripts/import-cycles'

const scratch = mkdtempSync(join(tmpdir(), 'import-cycles-'))
afterAll(() => rmSync(scratch, { recursive: true, force: true }))

describe('import circles', () => {
  it('are none among the modules the actions bundle', () => {
    expect(findImportCycles(['packages', 'actions'])).toEqual([])
  })

  it('are found through type-only imports and package names too', () => {
    const src = join(scratch, 'packages/demo/src')
    mkdirSync(src, { recursive: true })
    writeFileSync(
      join(scratch, 'packages/demo/package.json'),
      JSON.stringify({ name: '@canary-delivery/demo', exports: { '.': './src/index.ts' } }),
    )
    writeFileSync(join(src, 'index.ts'), "export { render } from './summary'\n")
    writeFileSync(
      join(src, 'summary.ts'),
      "import type { Outcome } from './wait'\nexport const render = (o: Outcome) => o\n",
    )
    writeFileSync(
      join(src, 'wait.ts'),
      "import { render } from '@canary-delivery/demo'\nexport type Outcome = string\n",
    )
    writeFileSync(join(src, 'alone.ts'), "import { render } from './summary'\nexport const x = render\n")
    expect(findImportCycles(['packages'], scratch)).toEqual([
      [
        'packages/demo/src/index.ts',
        'packages/demo/src/summary.ts',
        'packages/demo/src/wait.ts',
        'packages/demo/src/index.ts',
      ],
    ])
  })
})
