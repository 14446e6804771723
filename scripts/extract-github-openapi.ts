/**
 * Regenerates test/fixtures/github/openapi-subset.json: the operations of GitHub's REST API that the
 * suite calls, cut from GitHub's published OpenAPI description (the `@octokit/openapi` package).
 *
 * That package is ~385 MB unpacked, so it is never a dependency: this script packs the tarball into a
 * temporary folder, extracts only api.github.com.json, and keeps the selected operations plus every
 * component they reference (so the subset is self-contained: every $ref points inside the file).
 * Response examples are resolved inline, since the stand-in shapes its responses from them.
 *
 *   pnpm github-openapi:extract [--version 23.0.2] [--add owner/operation-id ...]
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'

const DEFAULT_VERSION = '23.0.2'
const OUT = resolve(import.meta.dirname, '../test/fixtures/github/openapi-subset.json')

/**
 * What the suite calls (bump-gitops-tag's pull-request mode, wait-for-canary's statuses and checks,
 * provision-infra's plan comment and the pull request a merge commit came from, drift-issue's issue
 * per environment).
 */
export const OPERATIONS = [
  'repos/get',
  'git/get-ref',
  'pulls/list',
  'pulls/create',
  'pulls/get',
  'pulls/update',
  'issues/add-labels',
  'issues/list-for-repo',
  'issues/create',
  'issues/update',
  'issues/create-label',
  'issues/create-comment',
  'issues/list-comments',
  'issues/update-comment',
  'issues/delete-comment',
  'repos/list-pull-requests-associated-with-commit',
  'repos/create-commit-status',
  'repos/list-commit-statuses-for-ref',
  'repos/get-combined-status-for-ref',
  'checks/create',
  'checks/get',
  'checks/update',
  'checks/list-for-ref',
]

type Json = null | boolean | number | string | Json[] | { [key: string]: Json }
type JsonObject = { [key: string]: Json }

function argValues(name: string): string[] {
  const values: string[] = []
  process.argv.forEach((arg, i) => {
    if (arg === name && process.argv[i + 1]) values.push(process.argv[i + 1]!)
  })
  return values
}

function pointer(doc: JsonObject, ref: string): Json {
  if (!ref.startsWith('#/')) throw new Error(`external $ref not supported: ${ref}`)
  let node: Json = doc
  for (const raw of ref.slice(2).split('/')) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~')
    if (node === null || typeof node !== 'object' || Array.isArray(node) || !(key in node))
      throw new Error(`dangling $ref ${ref}`)
    node = node[key]!
  }
  return node
}

function main(): void {
  const version = argValues('--version')[0] ?? DEFAULT_VERSION
  const wanted = [...OPERATIONS, ...argValues('--add')]
  const work = mkdtempSync(join(tmpdir(), 'octokit-openapi-'))
  try {
    console.log(`packing @octokit/openapi@${version} into ${work}`)
    const tarball = execFileSync(
      'npm',
      ['pack', `@octokit/openapi@${version}`, '--pack-destination', work, '--silent'],
      {
        encoding: 'utf8',
      },
    )
      .trim()
      .split('\n')
      .pop()!
    execFileSync('tar', ['xzf', join(work, tarball), '-C', work, 'package/generated/api.github.com.json'])
    const doc = JSON.parse(
      readFileSync(join(work, 'package/generated/api.github.com.json'), 'utf8'),
    ) as JsonObject

    const paths: JsonObject = {}
    const found = new Set<string>()
    for (const [path, item] of Object.entries(doc.paths as JsonObject)) {
      for (const [method, op] of Object.entries(item as JsonObject)) {
        const operation = op as JsonObject
        if (typeof operation !== 'object' || !wanted.includes(operation.operationId as string)) continue
        found.add(operation.operationId as string)
        paths[path] = { ...((paths[path] as JsonObject) ?? {}), [method]: inlineExamples(doc, operation) }
      }
    }
    const missing = wanted.filter((id) => !found.has(id))
    if (missing.length) throw new Error(`not in the description: ${missing.join(', ')}`)

    // Every component reachable from the kept operations, transitively.
    const components: Record<string, JsonObject> = {}
    const seen = new Set<string>()
    const visit = (node: Json): void => {
      if (Array.isArray(node)) {
        node.forEach(visit)
        return
      }
      if (node === null || typeof node !== 'object') return
      const ref = node.$ref
      if (typeof ref === 'string' && !seen.has(ref)) {
        seen.add(ref)
        const [, , section, name] = ref.split('/')
        const target = pointer(doc, ref)
        components[section!] ??= {}
        components[section!]![name!.replace(/~1/g, '/').replace(/~0/g, '~')] = target
        visit(target)
      }
      for (const value of Object.values(node)) visit(value)
    }
    visit(paths)
    const sorted = Object.fromEntries(
      Object.entries(components)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([section, entries]) => [
          section,
          Object.fromEntries(Object.entries(entries).sort(([a], [b]) => a.localeCompare(b))),
        ]),
    )
    const subset = {
      openapi: doc.openapi,
      info: doc.info,
      'x-subset': {
        source: `@octokit/openapi@${version}`,
        file: 'generated/api.github.com.json',
        regenerate: 'pnpm github-openapi:extract',
        operations: [...found].sort(),
      },
      servers: doc.servers,
      paths: Object.fromEntries(Object.entries(paths).sort(([a], [b]) => a.localeCompare(b))),
      components: sorted,
    }
    writeFileSync(OUT, `${JSON.stringify(subset, null, 1)}\n`)
    console.log(`wrote ${OUT}: ${found.size} operations, ${seen.size} components`)
  } finally {
    rmSync(work, { recursive: true, force: true })
  }
}

/** Success-response examples resolved inline (the stand-in builds on them); other examples dropped. */
function inlineExamples(doc: JsonObject, operation: JsonObject): JsonObject {
  const copy = structuredClone(operation)
  for (const [status, response] of Object.entries((copy.responses as JsonObject) ?? {})) {
    const content = ((response as JsonObject).content as JsonObject | undefined)?.['application/json'] as
      | JsonObject
      | undefined
    if (!content) continue
    const examples = content.examples as JsonObject | undefined
    delete content.examples
    if (!status.startsWith('2') || !examples) continue
    const first = Object.values(examples)[0] as JsonObject
    const example = (first.$ref ? pointer(doc, first.$ref as string) : first) as JsonObject
    content.examples = { default: { value: example.value ?? null } }
  }
  return copy
}

main()
