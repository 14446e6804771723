// Lists the import circles among TypeScript modules: `tsx scripts/import-cycles.ts [dir ...]`
// (default: packages and actions, what the actions bundle). Type-only imports count too: a circle
// of types still ties two modules into one unit that cannot be read, tested or moved apart.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'

export const repoRoot = resolve(import.meta.dirname, '..')

const SPECIFIER =
  /(?:^|[\s;])(?:import|export)\s[^'"]*?\sfrom\s+['"]([^'"]+)['"]|\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g

function sourceFiles(dir: string): string[] {
  if (!existsSync(dir)) return []
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    if (name === 'node_modules' || name === 'dist' || name.startsWith('.')) return []
    if (statSync(path).isDirectory()) return sourceFiles(path)
    return /\.tsx?$/.test(name) && !name.endsWith('.d.ts') ? [path] : []
  })
}

/** Where the suite's own packages live, by name, with their `exports` as files. */
function workspacePackages(root: string): Map<string, Record<string, string>> {
  const packages = new Map<string, Record<string, string>>()
  for (const parent of ['packages', 'testbeds', 'actions']) {
    const base = join(root, parent)
    if (!existsSync(base)) continue
    for (const name of readdirSync(base)) {
      const manifest = join(base, name, 'package.json')
      if (!existsSync(manifest)) continue
      const { name: packageName, exports } = JSON.parse(readFileSync(manifest, 'utf8')) as {
        name: string
        exports?: Record<string, string>
      }
      const files: Record<string, string> = {}
      for (const [subpath, file] of Object.entries(exports ?? {})) files[subpath] = join(base, name, file)
      packages.set(packageName, files)
    }
  }
  return packages
}

function resolveModule(from: string, specifier: string, packages: Map<string, Record<string, string>>) {
  if (specifier.startsWith('.')) {
    const base = resolve(dirname(from), specifier)
    for (const candidate of [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts')])
      if (existsSync(candidate) && statSync(candidate).isFile()) return candidate
    return undefined
  }
  const match = /^(@[^/]+\/[^/]+|[^@/][^/]*)(\/.*)?$/.exec(specifier)
  const files = match && packages.get(match[1]!)
  return files?.[`.${match![2] ?? ''}`]
}

/** Every circle (as a list of files, relative to `root`, the first repeated at the end), each once. */
export function findImportCycles(dirs: readonly string[], root = repoRoot): string[][] {
  const packages = workspacePackages(root)
  const graph = new Map<string, string[]>()
  const pending = dirs.flatMap((dir) => sourceFiles(resolve(root, dir)))
  while (pending.length > 0) {
    const file = pending.pop()!
    if (graph.has(file)) continue
    const text = readFileSync(file, 'utf8')
    const targets = new Set<string>()
    for (const [, fromClause, dynamic] of text.matchAll(SPECIFIER)) {
      const target = resolveModule(file, (fromClause ?? dynamic)!, packages)
      if (target) targets.add(target)
    }
    graph.set(file, [...targets])
    pending.push(...targets)
  }
  // Tarjan's strongly connected components: a component of more than one module is a circle.
  const index = new Map<string, number>()
  const low = new Map<string, number>()
  const stack: string[] = []
  const onStack = new Set<string>()
  const cycles: string[][] = []
  let counter = 0
  const visit = (node: string) => {
    index.set(node, counter)
    low.set(node, counter++)
    stack.push(node)
    onStack.add(node)
    for (const next of graph.get(node) ?? []) {
      if (!index.has(next)) {
        visit(next)
        low.set(node, Math.min(low.get(node)!, low.get(next)!))
      } else if (onStack.has(next)) low.set(node, Math.min(low.get(node)!, index.get(next)!))
    }
    if (low.get(node) !== index.get(node)) return
    const component: string[] = []
    let member: string
    do {
      member = stack.pop()!
      onStack.delete(member)
      component.push(member)
    } while (member !== node)
    const selfImport = graph.get(node)?.includes(node)
    if (component.length > 1 || selfImport) {
      const names = component.map((file) => relative(root, file)).sort()
      cycles.push([...names, names[0]!])
    }
  }
  for (const node of [...graph.keys()].sort()) if (!index.has(node)) visit(node)
  return cycles
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  const dirs = process.argv.length > 2 ? process.argv.slice(2) : ['packages', 'actions']
  const cycles = findImportCycles(dirs)
  for (const cycle of cycles) console.error(`import circle: ${cycle.join(' → ')}`)
  console.log(`${cycles.length} import circle(s) in ${dirs.join(', ')}`)
  if (cycles.length > 0) process.exitCode = 1
}
