import { createHash } from 'node:crypto'
import { chmodSync, existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { gunzipSync } from 'node:zlib'
import { ConfigurationError, inert, ProgramNotFoundError, spawnArgv } from '@canary-delivery/action-kit'

/**
 * The helm the action runs, always the version it pins: a helm of another version is never used
 * silently (setup-helm's trap: asking for one version and running another). The helm named by the
 * `helm` input, or found on PATH, is asked for its version; on a runner without the pinned one, the
 * action installs it from get.helm.sh, checked against the checksum below, and asks again.
 */

/** get.helm.sh's published sha256 of each archive the action may install, by version and platform. */
export const HELM_CHECKSUMS: Record<string, Record<string, string>> = {
  '4.1.4': {
    'linux-amd64': '70b2c30a19da4db264dfd68c8a3664e05093a361cefd89572ffb36f8abfa3d09',
    'linux-arm64': '13d03672be289045d2ff00e4e345d61de1c6f21c1257a45955a30e8ae036d8f1',
    'darwin-amd64': 'abf09c8503ad1d8ef76d3737a058c3456a998aae5f5966fce4bb3031aeb1654e',
    'darwin-arm64': '7c2eca678e8001fa863cdf8cbf6ac1b3799f9404a89eb55c08260ef5732e658d',
  },
}

export interface HelmOptions {
  /** The version to run, without `v` (input `helm-version`). */
  version: string
  /** The `helm` input: a program name or path whose version must match; never replaced by a download. */
  given?: string
  /** Where a downloaded helm is kept (the runner's tool cache); undefined: never download. */
  toolCache?: string
  /** For tests: another base URL than get.helm.sh, and another checksum table. */
  downloadBase?: string
  checksums?: Record<string, Record<string, string>>
  log: (line: string) => void
  signal?: AbortSignal
}

export interface Helm {
  file: string
  version: string
  /** How it was found: `helm input`, `PATH`, `tool cache` or `downloaded`. */
  origin: string
}

/** `v4.1.4` as helm prints it, or undefined when the program is missing or says nothing usable. */
export async function helmVersionOf(file: string): Promise<string | undefined> {
  try {
    const result = await spawnArgv(file, ['version', '--template', '{{.Version}}'], { quiet: true })
    const version = result.stdout.trim()
    return result.exitCode === 0 && /^v\d+\.\d+\.\d+/.test(version) ? version : undefined
  } catch (error) {
    if (error instanceof ProgramNotFoundError) return undefined
    throw error
  }
}

function platform(): string | undefined {
  const os = { linux: 'linux', darwin: 'darwin' }[process.platform as string]
  const arch = { x64: 'amd64', arm64: 'arm64' }[process.arch as string]
  return os && arch ? `${os}-${arch}` : undefined
}

/** The file `name` inside a .tar.gz (ustar; what get.helm.sh serves). */
export function fileFromTarGz(archive: Buffer, name: string): Buffer | undefined {
  const tar = gunzipSync(archive)
  let offset = 0
  while (offset + 512 <= tar.length) {
    const header = tar.subarray(offset, offset + 512)
    if (header.every((byte) => byte === 0)) return undefined
    const field = (start: number, length: number) =>
      header
        .subarray(start, start + length)
        .toString('utf8')
        .replace(/\0.*$/s, '')
    const prefix = field(345, 155)
    const entry = prefix ? `${prefix}/${field(0, 100)}` : field(0, 100)
    const size = Number.parseInt(field(124, 12).trim() || '0', 8)
    const body = offset + 512
    if (entry.replace(/^\.\//, '') === name) return tar.subarray(body, body + size)
    offset = body + Math.ceil(size / 512) * 512
  }
  return undefined
}

async function download(options: HelmOptions, target: string): Promise<void> {
  const where = platform()
  const checksums = options.checksums ?? HELM_CHECKSUMS
  const expected = where ? checksums[options.version]?.[where] : undefined
  if (!where || !expected) {
    const known = Object.keys(checksums).join(', ')
    throw new ConfigurationError(
      `Input 'helm-version' ${options.version} has no pinned checksum for ${where ?? `${process.platform}/${process.arch}`} in this release of the action (it pins ${known}); put helm v${options.version} on PATH or name it in 'helm'`,
    )
  }
  const base = options.downloadBase ?? 'https://get.helm.sh'
  const url = `${base}/helm-v${options.version}-${where}.tar.gz`
  options.log(`Installing helm v${options.version} from ${url}`)
  const response = await fetch(url, { signal: options.signal ?? AbortSignal.timeout(120_000) })
  if (!response.ok) throw new Error(`Downloading ${url} failed: HTTP ${response.status}`)
  const archive = Buffer.from(await response.arrayBuffer())
  const actual = createHash('sha256').update(archive).digest('hex')
  if (actual !== expected)
    throw new Error(
      `Refused ${url}: its sha256 is ${actual}, not the pinned ${expected}; nothing was installed`,
    )
  const binary = fileFromTarGz(archive, `${where}/helm`)
  if (!binary) throw new Error(`${url} holds no ${where}/helm`)
  mkdirSync(join(target, '..'), { recursive: true })
  const partial = `${target}.${process.pid}.partial`
  writeFileSync(partial, binary, { mode: 0o755 })
  chmodSync(partial, 0o755)
  renameSync(partial, target)
}

/**
 * The helm to run, of exactly `version`: the `helm` input (checked, never replaced), else `helm`
 * on PATH when it is that version, else the tool cache's, else a download (only where a tool cache
 * is given, i.e. on a runner). Every path ends with the version asked of the binary itself.
 */
export async function resolveHelm(options: HelmOptions): Promise<Helm> {
  const wanted = `v${options.version}`
  if (options.given) {
    const found = await helmVersionOf(options.given)
    if (!found)
      throw new ConfigurationError(
        `Input 'helm' names ${options.given}, which is not a helm that answers 'helm version'`,
      )
    if (found !== wanted)
      throw new ConfigurationError(
        `Input 'helm' names ${options.given}, which is helm ${inert(found)}, not ${wanted} (input 'helm-version'); the action runs only the helm it pins`,
      )
    return { file: options.given, version: found, origin: 'helm input' }
  }
  const onPath = await helmVersionOf('helm')
  if (onPath === wanted) return { file: 'helm', version: onPath, origin: 'PATH' }
  if (!options.toolCache)
    throw new ConfigurationError(
      onPath
        ? `helm on PATH is ${inert(onPath)}, not ${wanted} (input 'helm-version'); put helm ${wanted} on PATH or name it in 'helm'`
        : `helm is not on PATH; put helm ${wanted} there or name it in 'helm'`,
    )
  const cached = join(
    options.toolCache,
    'helm',
    options.version,
    `${process.platform}-${process.arch}`,
    'helm',
  )
  let origin = 'tool cache'
  if (!existsSync(cached)) {
    options.log(
      onPath
        ? `helm on PATH is ${inert(onPath)}, not the pinned ${wanted}`
        : `helm is not on PATH; the action installs the pinned ${wanted}`,
    )
    await download(options, cached)
    origin = 'downloaded'
  }
  const installed = await helmVersionOf(cached)
  if (installed !== wanted) {
    rmSync(cached, { force: true })
    throw new Error(`The installed helm at ${cached} says ${installed ?? 'nothing'}, not ${wanted}`)
  }
  return { file: cached, version: installed, origin }
}

/** A private HELM_* home for one run, so that nothing of the runner's helm setup leaks in or out. */
export function helmEnvironment(home: string, kubeconfig: string): Record<string, string> {
  mkdirSync(home, { recursive: true, mode: 0o700 })
  return {
    KUBECONFIG: kubeconfig,
    HELM_CACHE_HOME: join(home, 'cache'),
    HELM_CONFIG_HOME: join(home, 'config'),
    HELM_DATA_HOME: join(home, 'data'),
    HELM_PLUGINS: join(home, 'plugins'),
    KUBECACHEDIR: join(home, 'kube-cache'),
  }
}
