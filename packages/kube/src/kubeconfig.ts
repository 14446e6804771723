import { randomBytes } from 'node:crypto'
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { homedir, tmpdir } from 'node:os'
import { delimiter, dirname, join } from 'node:path'
import { ConfigurationError } from '@canary-delivery/action-kit'
import { parse } from 'yaml'
import { type ClusterAccess, describeCredentials, type RawKubeconfig, resolveAccess } from './access'

export interface KubeconfigOptions {
  /** The `kubeconfig` input: YAML (or JSON) as written, or the same base64-encoded. */
  content?: string
  /** The runner's KUBECONFIG, used when `content` is empty (may list several files). */
  kubeconfigEnv?: string
  /** Where `~/.kube/config` is looked for when KUBECONFIG is unset, as kubectl does. Default: the home directory. */
  homeDirectory?: string
  /** Where a kubeconfig given as content is written (RUNNER_TEMP on a runner). */
  directory?: string
  /** The context to use; the file's current-context otherwise. */
  context?: string
  /** Called with every value that must not appear in logs (tokens, keys, the encoded file). */
  registerSecret?: (value: string) => void
  /** Name of the input the content came from, for messages. */
  inputName?: string
  /** Where relative file names in content given as input point (the workspace). Default: the working directory. */
  workspace?: string
}

export interface PreparedKubeconfig {
  /** The file to load (one of KUBECONFIG's files, or the one written from content). */
  path: string
  /** True when this code wrote the file and must remove it. */
  written: boolean
  context: string
  cluster: string
  server: string
  /** The context's namespace, when it sets one. */
  namespace: string | undefined
  /** How the user authenticates, for the log (`bearer token`, `exec credential plugin …`). */
  authentication: string
  /** The resolved context, for KubeClient. */
  access: ClusterAccess
}

const BASE64 = /^[A-Za-z0-9+/=\s]+$/

/** Accepts the file as written or base64-encoded (what most secrets hold); returns the YAML text. */
export function decodeKubeconfig(
  content: string,
  inputName = 'kubeconfig',
): { text: string; encoded: boolean } {
  const trimmed = content.trim()
  if (!trimmed) throw new ConfigurationError(`Input '${inputName}' is empty`)
  // A kubeconfig always holds a colon; base64 never does.
  if (!trimmed.includes(':') && BASE64.test(trimmed)) {
    const text = Buffer.from(trimmed.replace(/\s+/g, ''), 'base64').toString('utf8')
    if (!text.includes(':')) {
      throw new ConfigurationError(
        `Input '${inputName}' must be a kubeconfig file (YAML) or that file base64-encoded; it decodes to something else`,
      )
    }
    return { text, encoded: true }
  }
  return { text: `${trimmed}\n`, encoded: false }
}

function parseKubeconfig(text: string, where: string): RawKubeconfig {
  let parsed: unknown
  try {
    parsed = parse(text)
  } catch (error) {
    // The YAML error would quote the file (secrets included); its position is enough.
    const line = (error as { linePos?: { line: number }[] }).linePos?.[0]?.line
    throw new ConfigurationError(`${where} is not valid YAML${line ? ` (line ${line})` : ''}`)
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new ConfigurationError(
      `${where} must be a kubeconfig (a YAML mapping with clusters, contexts and users)`,
    )
  }
  return parsed as RawKubeconfig
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text)
  } catch {
    return text
  }
}

/** Values in a kubeconfig that give access to a cluster, to be masked wherever they could be printed. */
export function kubeconfigSecrets(text: string): string[] {
  const secrets = new Set<string>()
  const visit = (value: unknown, key: string) => {
    if (typeof value === 'string') {
      if (
        /^(token|password|client-key-data|access-token|refresh-token|id-token|client-secret|secret)$/i.test(
          key,
        )
      ) {
        secrets.add(value)
      }
      return
    }
    if (Array.isArray(value)) {
      // exec plugin environment: [{name, value}]
      for (const item of value) {
        if (key === 'env' && item && typeof item === 'object' && typeof item.value === 'string')
          secrets.add(item.value)
        else visit(item, key)
      }
      return
    }
    if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) visit(v, k)
  }
  try {
    const parsed = parse(text) as RawKubeconfig
    for (const user of parsed?.users ?? []) visit(user?.user, 'user')
    // A password in a server URL is refused, but it must not be shown on the way there.
    for (const cluster of parsed?.clusters ?? []) {
      const server = cluster?.cluster?.server
      if (typeof server !== 'string') continue
      const password = /^[a-z]+:\/\/[^/@]*:([^/@]+)@/i.exec(server)?.[1]
      if (password) secrets.add(password).add(safeDecode(password))
    }
  } catch {
    // Unparseable content is rejected elsewhere; nothing to collect.
  }
  return [...secrets].filter((s) => s.length >= 8)
}

function describe(config: RawKubeconfig, where: string, contextName: string | undefined, baseDir: string) {
  const access = resolveAccess(config, where, contextName, baseDir)
  return {
    context: access.context,
    cluster: access.cluster,
    server: access.server,
    namespace: access.namespace,
    authentication: describeCredentials(access.credentials),
    access,
  }
}

/**
 * Makes a kubeconfig available as a file: the `kubeconfig` input is decoded, checked and written
 * with mode 0600 into `directory` (remove it with `removeKubeconfig`); without it, the runner's
 * KUBECONFIG is used in place, or `~/.kube/config` when KUBECONFIG is unset (kubectl's rule; it is
 * where `aws eks update-kubeconfig` and kind write). Either way the values that grant access are
 * registered as secrets.
 */
export function prepareKubeconfig(options: KubeconfigOptions): PreparedKubeconfig {
  const inputName = options.inputName ?? 'kubeconfig'
  const register = options.registerSecret ?? (() => {})
  if (options.content?.trim()) {
    const { text, encoded } = decodeKubeconfig(options.content, inputName)
    if (encoded) register(options.content.trim())
    for (const secret of kubeconfigSecrets(text)) register(secret)
    const config = parseKubeconfig(text, `Input '${inputName}'`)
    const directory = options.directory ?? tmpdir()
    // Relative file names in a kubeconfig given as content mean the workspace, where it came from.
    const info = describe(config, `Input '${inputName}'`, options.context, options.workspace ?? process.cwd())
    const path = join(directory, `kubeconfig-${randomBytes(6).toString('hex')}.yaml`)
    // 'wx': never follow or overwrite something already there.
    writeFileSync(path, text, { mode: 0o600, flag: 'wx' })
    return { path, written: true, ...info }
  }
  const files = (options.kubeconfigEnv ?? '').split(delimiter).filter(Boolean)
  const fromEnv = files.length > 0
  const candidates = fromEnv ? files : [join(options.homeDirectory ?? homedir(), '.kube', 'config')]
  const path = candidates.find((file) => existsSync(file))
  if (!path) {
    throw new ConfigurationError(
      `Input '${inputName}' is empty and ${fromEnv ? `KUBECONFIG (${files.join(', ')}) names no existing file` : `KUBECONFIG is not set and there is no ${candidates[0]}`}; pass the kubeconfig content (raw or base64) or set KUBECONFIG in an earlier step`,
    )
  }
  const origin = fromEnv ? `KUBECONFIG file ${path}` : `kubeconfig file ${path}`
  const text = readFileSync(path, 'utf8')
  for (const secret of kubeconfigSecrets(text)) register(secret)
  const config = parseKubeconfig(text, origin)
  return { path, written: false, ...describe(config, origin, options.context, dirname(path)) }
}

/** Removes a kubeconfig this code wrote; harmless when it is already gone or was not ours. */
export function removeKubeconfig(prepared: Pick<PreparedKubeconfig, 'path' | 'written'> | undefined): void {
  if (prepared?.written) rmSync(prepared.path, { force: true })
}

/** The access a kubeconfig file gives through one of its contexts (for tests and tools). */
export function loadAccess(path: string, context?: string): ClusterAccess {
  const where = `kubeconfig file ${path}`
  return resolveAccess(parseKubeconfig(readFileSync(path, 'utf8'), where), where, context, dirname(path))
}
