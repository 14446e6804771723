import { execFile } from 'node:child_process'
import { createHash } from 'node:crypto'
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { isAbsolute, join, relative, resolve } from 'node:path'
import { promisify } from 'node:util'
import { ensureHelm } from '@canary-delivery/tools'
import { parseAllDocuments, parse as parseYaml } from 'yaml'
import { clone, type Obj, timestamp } from '../util'
import { applyAll, type InventoryEntry, prune } from './apply'
import { type Controller, type ControllerContext, kind } from './context'
import { periodic, requestedAt } from './periodic'

const run = promisify(execFile)

export interface GitopsOptions {
  /** A local git repository (or a plain directory) for Flux to reconcile. */
  dir: string
  /** Path inside it for the root Kustomization. Default `./`. */
  path?: string
}

/**
 * Flux's source, kustomize and helm controllers as far as the suite observes them: a GitRepository on a
 * local repository is fetched each interval, a Kustomization applies what is under its path, a
 * HelmRelease is "installed" by rendering its app into a Deployment (and a Canary when
 * values.canary.enabled), each with the status Flux reports.
 */
export function fluxControllers(ctx: ControllerContext, gitops?: string | GitopsOptions): Controller {
  const gitRepos = kind(ctx.registry, 'source.toolkit.fluxcd.io', 'gitrepositories')
  const helmRepos = kind(ctx.registry, 'source.toolkit.fluxcd.io', 'helmrepositories')
  const kustomizations = kind(ctx.registry, 'kustomize.toolkit.fluxcd.io', 'kustomizations')
  const helmReleases = kind(ctx.registry, 'helm.toolkit.fluxcd.io', 'helmreleases')
  const storage = mkdtempSync(join(tmpdir(), 'sandbox-flux-'))
  /** GitRepository key → directory holding its current artifact. */
  const artifacts = new Map<string, { dir: string; revision: string }>()
  /** git and helm runs writing under `storage`; stop() lets them finish before removing it. */
  const writers = new Set<Promise<unknown>>()
  const writing = <T>(work: Promise<T>): Promise<T> => {
    writers.add(work)
    const done = () => writers.delete(work)
    work.then(done, done)
    return work
  }

  const writeStatus = (rt: typeof gitRepos, obj: Obj, status: Obj) => {
    const fresh = ctx.store.get(rt, obj.metadata.namespace, obj.metadata.name)
    if (!fresh) return
    fresh.status = status
    ctx.store.update(rt, fresh, { status: true })
  }

  // ---- source-controller: GitRepository -------------------------------------------------------
  const sources = periodic(ctx, gitRepos, 60_000, async (repo) => {
    const key = `${repo.metadata.namespace}/${repo.metadata.name}`
    const gen = repo.metadata.generation
    const old: Obj = repo.status ?? {}
    try {
      const fetched = await writing(
        fetchSource(repo, join(storage, 'gitrepository', repo.metadata.namespace, repo.metadata.name)),
      )
      const previous = artifacts.get(key)
      if (previous && previous.dir !== fetched.dir && previous.dir.startsWith(storage))
        rmSync(previous.dir, { recursive: true, force: true })
      artifacts.set(key, fetched)
      const message = `stored artifact for revision '${fetched.revision}'`
      const changed = old.artifact?.revision !== fetched.revision
      writeStatus(gitRepos, repo, {
        ...old,
        observedGeneration: gen,
        ...handled(repo),
        artifact: changed
          ? {
              path: `gitrepository/${key}/${fetched.revision.split(':').pop()}.tar.gz`,
              url: `http://source-controller.flux-system.svc.cluster.local./gitrepository/${key}/${fetched.revision.split(':').pop()}.tar.gz`,
              revision: fetched.revision,
              digest: `sha256:${createHash('sha256').update(fetched.revision).digest('hex')}`,
              lastUpdateTime: timestamp(),
            }
          : old.artifact,
        conditions: conditions(old.conditions, gen, [
          ['Ready', 'True', 'Succeeded', message],
          ['ArtifactInStorage', 'True', 'Succeeded', message],
        ]),
      })
      if (changed) {
        ctx.log(`gitrepository ${key}: fetched revision ${fetched.revision}`)
        // Kustomizations on this source reconcile at once, as Flux's watch on artifacts makes them do.
        for (const ks of ctx.store.list(kustomizations)) {
          const ref = ks.spec?.sourceRef ?? {}
          if (
            ref.kind === 'GitRepository' &&
            ref.name === repo.metadata.name &&
            (ref.namespace ?? ks.metadata.namespace) === repo.metadata.namespace
          ) {
            appliers.kick(ks.metadata.namespace, ks.metadata.name)
          }
        }
      }
    } catch (err) {
      const message = `failed to checkout and determine revision: ${(err as Error).message.trim()}`
      writeStatus(gitRepos, repo, {
        ...old,
        observedGeneration: old.observedGeneration ?? -1,
        ...handled(repo),
        conditions: conditions(old.conditions, gen, [
          ['Ready', 'False', 'GitOperationFailed', message],
          ['FetchFailed', 'True', 'GitOperationFailed', message],
        ]),
      })
      ctx.log(`gitrepository ${key}: ${message}`)
    }
  })

  // ---- source-controller: HelmRepository (charts are not fetched; the release renders itself) --
  const helmRepoCtl = periodic(ctx, helmRepos, 600_000, (repo) => {
    const gen = repo.metadata.generation
    const revision = `sha256:${createHash('sha256').update(String(repo.spec?.url)).digest('hex')}`
    const message =
      repo.spec?.type === 'oci' ? 'Helm repository is Ready' : `stored artifact: revision '${revision}'`
    writeStatus(helmRepos, repo, {
      ...(repo.status ?? {}),
      observedGeneration: gen,
      ...handled(repo),
      ...(repo.spec?.type === 'oci'
        ? {}
        : { artifact: { revision, digest: revision, lastUpdateTime: timestamp(), path: '', url: '' } }),
      url: repo.spec?.url,
      conditions: conditions(repo.status?.conditions, gen, [['Ready', 'True', 'Succeeded', message]]),
    })
  })

  // ---- kustomize-controller -------------------------------------------------------------------
  const appliers = periodic(ctx, kustomizations, 600_000, (ks) => {
    const key = `${ks.metadata.namespace}/${ks.metadata.name}`
    const gen = ks.metadata.generation
    const old: Obj = ks.status ?? {}
    const ref = ks.spec?.sourceRef ?? {}
    const sourceKey = `${ref.namespace ?? ks.metadata.namespace}/${ref.name}`
    const fail = (reason: string, message: string, revision?: string) => {
      writeStatus(kustomizations, ks, {
        ...old,
        observedGeneration: gen,
        ...handled(ks),
        ...(revision ? { lastAttemptedRevision: revision } : {}),
        conditions: conditions(old.conditions, gen, [['Ready', 'False', reason, message]]),
      })
      ctx.log(`kustomization ${key}: ${reason}: ${message.split('\n')[0]}`)
    }
    if (ref.kind !== 'GitRepository')
      return fail('ArtifactFailed', `source kind ${ref.kind} is not supported by the sandbox`)
    const artifact = artifacts.get(sourceKey)
    if (!artifact) return fail('ArtifactFailed', `Source artifact not found, retrying in 30s`)
    let objects: Obj[]
    try {
      const dir = resolve(artifact.dir, ks.spec?.path ?? './')
      if (!dir.startsWith(resolve(artifact.dir)))
        throw new Error(`path ${ks.spec?.path} leaves the repository`)
      if (!existsSync(dir))
        throw new Error(`kustomization path not found: stat ${ks.spec?.path}: no such file or directory`)
      objects = build(dir)
      if (ks.spec?.targetNamespace) {
        for (const o of objects)
          if (o.kind !== 'Namespace' && o.kind !== 'CustomResourceDefinition')
            o.metadata.namespace = ks.spec.targetNamespace
      }
    } catch (err) {
      return fail('BuildFailed', (err as Error).message, artifact.revision)
    }
    let result: { inventory: InventoryEntry[]; changes: string[] }
    try {
      result = applyAll(ctx, objects, {
        'kustomize.toolkit.fluxcd.io/name': ks.metadata.name,
        'kustomize.toolkit.fluxcd.io/namespace': ks.metadata.namespace,
      })
    } catch (err) {
      return fail('ReconciliationFailed', (err as Error).message, artifact.revision)
    }
    const pruned = ks.spec?.prune ? prune(ctx, old.inventory?.entries ?? [], result.inventory) : []
    for (const change of [...result.changes, ...pruned]) ctx.log(`kustomization ${key}: ${change}`)
    const message = `Applied revision: ${artifact.revision}`
    writeStatus(kustomizations, ks, {
      ...old,
      observedGeneration: gen,
      ...handled(ks),
      lastAppliedRevision: artifact.revision,
      lastAttemptedRevision: artifact.revision,
      inventory: { entries: result.inventory },
      conditions: conditions(old.conditions, gen, [['Ready', 'True', 'ReconciliationSucceeded', message]]),
    })
  })

  // ---- helm-controller ------------------------------------------------------------------------
  const releases = periodic(ctx, helmReleases, 600_000, async (hr) => {
    const key = `${hr.metadata.namespace}/${hr.metadata.name}`
    const gen = hr.metadata.generation
    const old: Obj = hr.status ?? {}
    const chart = hr.spec?.chart?.spec ?? {}
    const chartName: string = chart.chart ?? hr.spec?.chartRef?.name ?? hr.metadata.name
    const chartVersion: string = chart.version && !/[*^~><=x ]/.test(chart.version) ? chart.version : '0.1.0'
    const targetNs: string = hr.spec?.targetNamespace ?? hr.metadata.namespace
    const release: string =
      hr.spec?.releaseName ??
      (hr.spec?.targetNamespace ? `${targetNs}-${hr.metadata.name}` : hr.metadata.name)
    const values: Obj = hr.spec?.values ?? {}
    const configDigest = `sha256:${createHash('sha256').update(JSON.stringify(values)).digest('hex')}`
    const history: Obj[] = old.history ?? []
    const latest = history[0]
    const inSync =
      latest &&
      latest.chartVersion === chartVersion &&
      latest.configDigest === configDigest &&
      latest.status === 'deployed'
    if (inSync) {
      writeStatus(helmReleases, hr, {
        ...old,
        observedGeneration: gen,
        lastAttemptedGeneration: gen,
        ...handled(hr),
      })
      return
    }
    const action = latest ? 'upgrade' : 'install'
    const version = (latest?.version ?? 0) + 1
    // Flux reports the action in progress before it finishes.
    writeStatus(helmReleases, hr, {
      ...old,
      observedGeneration: gen,
      lastAttemptedGeneration: gen,
      lastAttemptedRevision: chartVersion,
      lastAttemptedConfigDigest: configDigest,
      lastAttemptedReleaseAction: action,
      conditions: conditions(old.conditions, gen, [
        [
          'Ready',
          'Unknown',
          'Progressing',
          action === 'install'
            ? 'Fresh install in progress'
            : `Running '${action}' action with timeout of 5m0s`,
        ],
        ['Reconciling', 'True', 'Progressing', `Running '${action}' action with timeout of 5m0s`],
      ]),
    })
    await ctx.clock.sleep(2_000)
    const current = ctx.store.get(helmReleases, hr.metadata.namespace, hr.metadata.name)
    if (!current || current.metadata.generation !== gen) return // superseded; the next run takes over
    const status: Obj = current.status ?? {}
    try {
      const chartDir = gitChartDir(hr, artifacts)
      const objects = chartDir
        ? await writing(helmTemplate(release, targetNs, chartDir, values, storage))
        : renderRelease(release, targetNs, chartName, chartVersion, values)
      const { changes } = applyAll(ctx, objects, {
        'helm.toolkit.fluxcd.io/name': hr.metadata.name,
        'helm.toolkit.fluxcd.io/namespace': hr.metadata.namespace,
        'app.kubernetes.io/managed-by': 'Helm',
      })
      for (const change of changes) ctx.log(`helmrelease ${key}: ${change}`)
    } catch (err) {
      const reason = action === 'install' ? 'InstallFailed' : 'UpgradeFailed'
      const message = `Helm ${action} failed for release ${targetNs}/${release} with chart ${chartName}@${chartVersion}: ${(err as Error).message}`
      writeStatus(helmReleases, current, {
        ...status,
        ...handled(current),
        ...(action === 'install'
          ? { installFailures: (status.installFailures ?? 0) + 1 }
          : { upgradeFailures: (status.upgradeFailures ?? 0) + 1 }),
        conditions: conditions(status.conditions, gen, [
          ['Ready', 'False', reason, message],
          ['Released', 'False', reason, message],
        ]).filter((c) => c.type !== 'Reconciling'),
      })
      ctx.events.record(current, 'Warning', reason, message, 'helm-controller')
      ctx.log(`helmrelease ${key}: ${message}`)
      return
    }
    const now = timestamp()
    const entry = {
      name: release,
      namespace: targetNs,
      version,
      status: 'deployed',
      chartName,
      chartVersion,
      appVersion: String(values.image?.tag ?? chartVersion),
      configDigest,
      digest: `sha256:${createHash('sha256').update(`${release}.v${version}${configDigest}`).digest('hex')}`,
      firstDeployed: latest?.firstDeployed ?? now,
      lastDeployed: now,
    }
    const reason = action === 'install' ? 'InstallSucceeded' : 'UpgradeSucceeded'
    const message = `Helm ${action} succeeded for release ${targetNs}/${release}.v${version} with chart ${chartName}@${chartVersion}`
    writeStatus(helmReleases, current, {
      ...status,
      ...handled(current),
      helmChart: `${hr.metadata.namespace}/${hr.metadata.namespace}-${hr.metadata.name}`,
      storageNamespace: targetNs,
      history: [
        entry,
        ...history.map((h) => ({ ...h, status: h.status === 'deployed' ? 'superseded' : h.status })),
      ].slice(0, 5),
      conditions: conditions(status.conditions, gen, [
        ['Ready', 'True', reason, message],
        ['Released', 'True', reason, message],
      ]).filter((c) => c.type !== 'Reconciling'),
    })
    ctx.events.record(current, 'Normal', reason, message, 'helm-controller')
    ctx.log(`helmrelease ${key}: ${message}`)
  })

  // ---- --gitops: the flux-system GitRepository and Kustomization, as `flux bootstrap` leaves them --
  if (gitops) {
    const opts = typeof gitops === 'string' ? { dir: gitops } : gitops
    const ns = ctx.registry.byKind('v1', 'Namespace')!
    if (!ctx.store.get(ns, undefined, 'flux-system'))
      ctx.store.create(ns, { metadata: { name: 'flux-system' } })
    ctx.store.create(gitRepos, {
      metadata: { name: 'flux-system', namespace: 'flux-system' },
      spec: {
        interval: '1m0s',
        url: `file://${resolve(opts.dir)}`,
        ...(headBranch(opts.dir) ? { ref: { branch: headBranch(opts.dir) } } : {}),
      },
    })
    ctx.store.create(kustomizations, {
      metadata: { name: 'flux-system', namespace: 'flux-system' },
      spec: {
        interval: '10m0s',
        path: opts.path ?? './',
        prune: true,
        sourceRef: { kind: 'GitRepository', name: 'flux-system' },
      },
    })
  }

  return {
    async stop() {
      for (const c of [sources, helmRepoCtl, appliers, releases]) c.stop()
      await Promise.allSettled([...writers])
      rmSync(storage, { recursive: true, force: true })
    },
  }
}

/** The branch HEAD names, in a work tree (`.git/HEAD`) or a bare repository (`HEAD`), read without running git. */
function headBranch(dir: string): string | undefined {
  for (const file of [join(dir, '.git', 'HEAD'), join(dir, 'HEAD')]) {
    try {
      const head = readFileSync(file, 'utf8').trim()
      return head.startsWith('ref: refs/heads/') ? head.slice('ref: refs/heads/'.length) : undefined
    } catch {}
  }
  return undefined
}

const handled = (obj: Obj): Obj => (requestedAt(obj) ? { lastHandledReconcileAt: requestedAt(obj) } : {})

type Cond = [type: string, status: string, reason: string, message: string]

/** Sets conditions Flux-style: lastTransitionTime moves only when the status changes. */
function conditions(previous: Obj[] | undefined, generation: number, set: Cond[]): Obj[] {
  const now = timestamp()
  const out = (previous ?? []).filter((c) => !set.some(([t]) => t === c.type)).map(clone)
  const made = set.map(([type, status, reason, message]) => {
    const old = (previous ?? []).find((c) => c.type === type)
    return {
      type,
      status,
      observedGeneration: generation,
      lastTransitionTime: old && old.status === status ? old.lastTransitionTime : now,
      reason,
      message,
    }
  })
  return [...made, ...out]
}

/** Checks out the GitRepository's ref from a local repository (path or file://) into `dest`. */
async function fetchSource(repo: Obj, dest: string): Promise<{ dir: string; revision: string }> {
  const url: string = repo.spec?.url ?? ''
  if (!url.startsWith('file://') && !url.startsWith('/')) {
    throw new Error(
      `unable to clone '${url}': the sandbox fetches only local repositories (a path or file://)`,
    )
  }
  const path = url.startsWith('file://') ? decodeURIComponent(url.slice('file://'.length)) : url
  if (!existsSync(path)) throw new Error(`unable to clone '${url}': repository not found`)
  if (!existsSync(join(path, '.git')) && !existsSync(join(path, 'HEAD'))) {
    // A plain directory: its content hash is the revision, as for a Bucket source.
    return { dir: path, revision: `sha256:${hashTree(path)}` }
  }
  const ref: Obj = repo.spec?.ref ?? {}
  const git = (...args: string[]) => run('git', args, { env: { ...process.env, GIT_TERMINAL_PROMPT: '0' } })
  let name: string
  let rev: string
  if (ref.commit) {
    name = ''
    rev = ref.commit
  } else if (ref.tag) {
    name = ref.tag
    rev = `refs/tags/${ref.tag}`
  } else if (ref.name) {
    name = ref.name
    rev = ref.name
  } else {
    name = ref.branch ?? 'master'
    rev = `refs/heads/${name}`
  }
  let sha: string
  try {
    sha = (await git('-C', path, 'rev-parse', '--verify', `${rev}^{commit}`)).stdout.trim()
  } catch {
    throw new Error(`unable to clone '${url}': couldn't find remote ref "${rev}"`)
  }
  const dir = join(dest, sha)
  if (!existsSync(dir)) {
    mkdirSync(dest, { recursive: true })
    await git('clone', '--quiet', '--no-checkout', path, dir)
    await git('-C', dir, 'checkout', '--quiet', '--detach', sha)
    rmSync(join(dir, '.git'), { recursive: true, force: true })
  }
  return { dir, revision: name ? `${name}@sha1:${sha}` : `sha1:${sha}` }
}

function hashTree(dir: string): string {
  const h = createHash('sha256')
  const walk = (d: string) => {
    for (const entry of readdirSync(d).sort()) {
      if (entry === '.git') continue
      const p = join(d, entry)
      if (statSync(p).isDirectory()) walk(p)
      else h.update(relative(dir, p)).update(readFileSync(p))
    }
  }
  walk(dir)
  return h.digest('hex')
}

const KUSTOMIZATION_FILES = ['kustomization.yaml', 'kustomization.yml', 'Kustomization']

/**
 * A kustomize build as far as Flux users lean on it: `resources` (files and directories), `namespace`,
 * `images` (newName/newTag/digest) and `commonLabels`. A directory without a kustomization file gets
 * one generated from every YAML file under it, as the kustomize-controller does.
 */
export function build(dir: string): Obj[] {
  const file = KUSTOMIZATION_FILES.map((f) => join(dir, f)).find((p) => existsSync(p))
  if (!file) {
    const out: Obj[] = []
    for (const entry of readdirSync(dir).sort()) {
      if (entry.startsWith('.')) continue
      const p = join(dir, entry)
      if (statSync(p).isDirectory()) out.push(...build(p))
      else if (/\.ya?ml$/.test(entry)) out.push(...readManifests(p))
    }
    return out
  }
  const k = (parseYaml(readFileSync(file, 'utf8')) ?? {}) as Obj
  const out: Obj[] = []
  for (const res of [...(k.resources ?? []), ...(k.bases ?? [])] as string[]) {
    const p = resolve(dir, res)
    if (!existsSync(p)) throw new Error(`accumulating resources: '${p}' does not exist`)
    out.push(...(statSync(p).isDirectory() ? build(p) : readManifests(p)))
  }
  for (const o of out) {
    if (k.namespace && o.kind !== 'Namespace' && o.kind !== 'CustomResourceDefinition')
      o.metadata.namespace = k.namespace
    if (k.commonLabels) o.metadata.labels = { ...o.metadata.labels, ...k.commonLabels }
    for (const img of (k.images ?? []) as Obj[]) setImages(o, img)
  }
  return out
}

function readManifests(path: string): Obj[] {
  const out: Obj[] = []
  for (const doc of parseAllDocuments(readFileSync(path, 'utf8'))) {
    if (doc.errors.length > 0) throw new Error(`${path}: ${doc.errors[0]!.message}`)
    const value = doc.toJS() as Obj | null
    if (!value) continue
    if (!value.apiVersion || !value.kind) throw new Error(`${path}: missing apiVersion or kind`)
    if (value.kind.endsWith('List') && Array.isArray(value.items)) out.push(...value.items)
    else if (value.kind !== 'Kustomization' || value.apiVersion.startsWith('kustomize.toolkit.fluxcd.io'))
      out.push(value)
  }
  return out
}

// kustomize's image transformer on pod templates.
function setImages(o: Obj, img: Obj): void {
  const containers = [
    ...(o.spec?.template?.spec?.containers ?? []),
    ...(o.spec?.template?.spec?.initContainers ?? []),
  ] as Obj[]
  for (const c of containers) {
    const image = String(c.image ?? '')
    const at = image.indexOf('@')
    const colon = image.lastIndexOf(':')
    const nameEnd = at >= 0 ? at : colon > image.lastIndexOf('/') ? colon : image.length
    const name = image.slice(0, nameEnd)
    if (name !== img.name) continue
    const tag = at >= 0 ? image.slice(at) : nameEnd < image.length ? image.slice(nameEnd) : ''
    const newName = img.newName ?? name
    c.image = img.digest
      ? `${newName}@${img.digest}`
      : img.newTag !== undefined
        ? `${newName}:${img.newTag}`
        : `${newName}${tag}`
  }
}

/**
 * A chart that lives in a fetched GitRepository (spec.chart.spec.sourceRef of kind GitRepository,
 * chart = a path inside it) is rendered for real, with helm: the reference chart, values and all.
 */
function gitChartDir(hr: Obj, artifacts: Map<string, { dir: string; revision: string }>): string | undefined {
  const spec = hr.spec?.chart?.spec
  if (spec?.sourceRef?.kind !== 'GitRepository' || typeof spec.chart !== 'string') return undefined
  const artifact = artifacts.get(
    `${spec.sourceRef.namespace ?? hr.metadata.namespace}/${spec.sourceRef.name}`,
  )
  if (!artifact) throw new Error(`GitRepository ${spec.sourceRef.name} has no artifact yet`)
  const dir = resolve(artifact.dir, spec.chart)
  const inside = relative(artifact.dir, dir)
  if (inside.startsWith('..') || isAbsolute(inside) || !existsSync(join(dir, 'Chart.yaml'))) {
    throw new Error(`no chart at ${spec.chart} in GitRepository ${spec.sourceRef.name}`)
  }
  return dir
}

async function helmTemplate(
  release: string,
  namespace: string,
  chartDir: string,
  values: Obj,
  storage: string,
): Promise<Obj[]> {
  const valuesFile = join(storage, `values-${process.pid}-${Math.random().toString(36).slice(2)}.yaml`)
  writeFileSync(valuesFile, JSON.stringify(values))
  try {
    const { stdout } = await run(
      ensureHelm(),
      ['template', release, chartDir, '--namespace', namespace, '--values', valuesFile],
      {
        maxBuffer: 16 * 1024 * 1024,
      },
    )
    return parseAllDocuments(stdout)
      .map((doc) => doc.toJS() as Obj | null)
      .filter((o): o is Obj => !!o && typeof o === 'object' && !!o.kind)
      .map((o) => ({ ...o, metadata: { ...o.metadata, namespace: o.metadata?.namespace ?? namespace } }))
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr
    throw new Error(stderr?.trim() || (error as Error).message)
  } finally {
    rmSync(valuesFile, { force: true })
  }
}

/**
 * What the sandbox "installs" for a HelmRelease: the app as a Deployment (image from
 * values.image.repository:tag) and, with values.canary.enabled, a Canary and its APISIX route;
 * otherwise a Service.
 */
export function renderRelease(
  release: string,
  namespace: string,
  chart: string,
  version: string,
  values: Obj,
): Obj[] {
  const name: string = values.fullnameOverride ?? release
  const image =
    typeof values.image === 'string'
      ? values.image
      : `${values.image?.repository ?? `ghcr.io/example/${chart}`}${values.image?.digest ? `@${values.image.digest}` : `:${values.image?.tag ?? version}`}`
  const port: number = values.service?.port ?? 80
  const targetPort: number = values.service?.targetPort ?? values.containerPort ?? 8080
  const labels = {
    app: name,
    'app.kubernetes.io/name': name,
    'app.kubernetes.io/instance': release,
    'helm.sh/chart': `${chart}-${version}`,
  }
  const selector = { app: name }
  const out: Obj[] = [
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name, namespace, labels },
      spec: {
        replicas: values.replicaCount ?? 1,
        selector: { matchLabels: selector },
        template: {
          metadata: {
            labels: { ...selector, ...(values.podLabels ?? {}) },
            ...(values.podAnnotations ? { annotations: values.podAnnotations } : {}),
          },
          spec: {
            containers: [
              {
                name: chart,
                image,
                imagePullPolicy: values.image?.pullPolicy ?? 'IfNotPresent',
                ports: [{ name: 'http', containerPort: targetPort, protocol: 'TCP' }],
                ...(values.env ? { env: values.env } : {}),
              },
            ],
          },
        },
      },
    },
  ]
  const canary: Obj | undefined = values.canary
  if (!canary?.enabled) {
    out.push({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name, namespace, labels },
      spec: { type: 'ClusterIP', selector, ports: [{ name: 'http', port, targetPort, protocol: 'TCP' }] },
    })
    return out
  }
  const provider: string = canary.provider ?? 'apisix'
  const analysis: Obj = canary.analysis ?? {
    interval: canary.interval ?? '1m',
    threshold: canary.threshold ?? 5,
    ...(canary.iterations !== undefined
      ? { iterations: canary.iterations }
      : canary.stepWeights
        ? { stepWeights: canary.stepWeights }
        : { maxWeight: canary.maxWeight ?? 50, stepWeight: canary.stepWeight ?? 10 }),
    metrics: canary.metrics ?? [
      { name: 'request-success-rate', thresholdRange: { min: 99 }, interval: '1m' },
      { name: 'request-duration', thresholdRange: { max: 500 }, interval: '30s' },
    ],
    ...(canary.webhooks ? { webhooks: canary.webhooks } : {}),
  }
  const spec: Obj = {
    provider,
    targetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name },
    progressDeadlineSeconds: canary.progressDeadlineSeconds ?? 600,
    service: { port, targetPort },
    analysis,
  }
  if (provider === 'apisix') {
    const route: string = canary.routeRef?.name ?? name
    spec.routeRef = { apiVersion: 'apisix.apache.org/v2', kind: 'ApisixRoute', name: route }
    out.push({
      apiVersion: 'apisix.apache.org/v2',
      kind: 'ApisixRoute',
      metadata: { name: route, namespace, labels },
      spec: {
        http: [
          {
            name: 'default',
            match: { hosts: [canary.host ?? `${name}.local`], paths: ['/*'] },
            backends: [{ serviceName: name, servicePort: port }],
            plugins: [{ name: 'prometheus', enable: true, config: { prefer_name: true } }],
          },
        ],
      },
    })
  }
  out.push({ apiVersion: 'flagger.app/v1beta1', kind: 'Canary', metadata: { name, namespace, labels }, spec })
  return out
}
