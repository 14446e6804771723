import { execFile } from 'node:child_process'
import { rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { ensureHelm } from '@canary-delivery/tools'
import { parseAllDocuments } from 'yaml'
import type { Obj } from '../../util'

const run = promisify(execFile)

/** What `helm template` makes of a chart: its CRDs (crds/ folders), its objects, and its hooks. */
export interface Rendered {
  crds: Obj[]
  objects: Obj[]
  hooks: Obj[]
}

/**
 * Renders a chart folder with the real helm, the CRDs of its crds/ folders (and of enabled subcharts)
 * told apart by the `# Source:` line helm writes, and hooks by their annotation. Namespaced objects
 * without a namespace get the release's.
 */
export async function helmTemplate(
  release: string,
  namespace: string,
  chartDir: string,
  values: Obj,
  scratch: string,
): Promise<Rendered> {
  const valuesFile = join(scratch, `values-${process.pid}-${Math.random().toString(36).slice(2)}.yaml`)
  writeFileSync(valuesFile, JSON.stringify(values), { mode: 0o600 })
  try {
    const { stdout } = await run(
      ensureHelm(),
      ['template', release, chartDir, '--namespace', namespace, '--values', valuesFile, '--include-crds'],
      { maxBuffer: 32 * 1024 * 1024 },
    )
    const out: Rendered = { crds: [], objects: [], hooks: [] }
    for (const doc of parseAllDocuments(stdout)) {
      const comment = `${doc.commentBefore ?? ''}\n${(doc.contents as { commentBefore?: string } | null)?.commentBefore ?? ''}`
      const source = /^ ?Source: (.+)$/m.exec(comment)?.[1] ?? ''
      const o = doc.toJS({ maxAliasCount: 100 }) as Obj | null
      if (!o || typeof o !== 'object' || !o.kind) continue
      if (/(^|\/)crds\//.test(source) && o.kind === 'CustomResourceDefinition') {
        out.crds.push(o)
        continue
      }
      const obj = { ...o, metadata: { ...o.metadata, namespace: o.metadata?.namespace ?? namespace } }
      if (o.metadata?.annotations?.['helm.sh/hook']) out.hooks.push(obj)
      else out.objects.push(obj)
    }
    return out
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr
    throw new Error(stderr?.trim().replace(/^Error: /, '') || (error as Error).message)
  } finally {
    rmSync(valuesFile, { force: true })
  }
}
