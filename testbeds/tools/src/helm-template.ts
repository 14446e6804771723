// Real `helm template` of a chart (by default the suite's reference app chart), its output parsed.
import { execFile } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { parseAllDocuments } from 'yaml'
import { ensureHelm, repoRoot } from './tools'

const run = promisify(execFile)

/** The chart the reference GitOps layout installs for every app. */
export const referenceChartDir = join(repoRoot, 'workflows-examples/charts/app')

/** One object a chart renders. */
export interface RenderedObject {
  apiVersion?: string
  kind?: string
  metadata?: { name?: string; namespace?: string; [key: string]: unknown }
  [key: string]: unknown
}

/** Renders a chart with a values file's text; every object helm prints, parsed. */
export async function helmTemplate(
  valuesYaml: string,
  {
    chart = referenceChartDir,
    release = 'python-demo',
    namespace = 'demo-python',
    set = [] as string[],
  } = {},
): Promise<RenderedObject[]> {
  const dir = mkdtempSync(join(tmpdir(), 'helm-template-'))
  try {
    const file = join(dir, 'values.yaml')
    writeFileSync(file, valuesYaml)
    const args = ['template', release, chart, '--namespace', namespace, '--values', file]
    for (const item of set) args.push('--set', item)
    const { stdout } = await run(ensureHelm(), args, {
      maxBuffer: 16 * 1024 * 1024,
      // Its own cache and config, so that parallel tests and the user's helm set-up stay apart.
      env: {
        ...process.env,
        HELM_CACHE_HOME: join(dir, 'cache'),
        HELM_CONFIG_HOME: join(dir, 'config'),
        HELM_DATA_HOME: join(dir, 'data'),
      },
    })
    return parseAllDocuments(stdout)
      .map((document) => document.toJS() as RenderedObject | null)
      .filter((object): object is RenderedObject => object !== null)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

export const ofKind = (objects: RenderedObject[], kind: string): RenderedObject[] =>
  objects.filter((o) => o.kind === kind)

/** The parts of a rendered object a renderer predicts: the chart adds its own labels. */
export function withoutLabels(object: RenderedObject): RenderedObject {
  const { labels: _labels, ...metadata } = object.metadata ?? {}
  return { ...object, metadata }
}
