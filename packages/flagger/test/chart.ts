// Real `helm template` of the reference chart, and its output split into objects.
import { execFile } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { promisify } from 'node:util'
import { ensureHelm } from '@canary-delivery/tools'
import { parseAllDocuments } from 'yaml'
import type { KubeObject } from '../src/index'

const run = promisify(execFile)
export const chartDir = resolve(import.meta.dirname, '../../../workflows-examples/charts/app')

/** Renders the chart with a values file's text; every object it prints, parsed. */
export async function helmTemplate(
  valuesYaml: string,
  { release = 'python-demo', namespace = 'demo-python', set = [] as string[] } = {},
): Promise<KubeObject[]> {
  const dir = mkdtempSync(join(tmpdir(), 'helm-template-'))
  try {
    const file = join(dir, 'values.yaml')
    writeFileSync(file, valuesYaml)
    const args = ['template', release, chartDir, '--namespace', namespace, '--values', file]
    for (const item of set) args.push('--set', item)
    const { stdout } = await run(ensureHelm(), args, {
      maxBuffer: 16 * 1024 * 1024,
      env: {
        ...process.env,
        HELM_CACHE_HOME: join(dir, 'cache'),
        HELM_CONFIG_HOME: join(dir, 'config'),
        HELM_DATA_HOME: join(dir, 'data'),
      },
    })
    return parseAllDocuments(stdout)
      .map((document) => document.toJS() as KubeObject | null)
      .filter((object): object is KubeObject => object !== null)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

export const ofKind = (objects: KubeObject[], kind: string): KubeObject[] =>
  objects.filter((o) => o.kind === kind)

/** The parts of a rendered object the action predicts (the chart adds its labels). */
export function withoutLabels(object: KubeObject): KubeObject {
  const { labels: _labels, ...metadata } = object.metadata ?? {}
  return { ...object, metadata }
}
