import { execFile } from 'node:child_process'
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { kustomizeBuild, type Obj, objectLabel } from '@canary-delivery/sandbox'
import { afterAll, describe, expect, it, vi } from 'vitest'
import { parseAllDocuments } from 'yaml'
import { checkGitopsLayout, ENVIRONMENTS, runCli } from '../../scripts/gitops-layout'
import { ensureKubectl, sharedChartsDir } from '../../testbeds/tools/src/index'

const root = join(import.meta.dirname, '../..')
const reference = join(root, 'workflows-examples/gitops')
const run = promisify(execFile)

const layouts = new Map(
  ENVIRONMENTS.map((environment) => [environment, checkGitopsLayout(reference, environment)]),
)
const objectsOf = (environment: string) => layouts.get(environment as (typeof ENVIRONMENTS)[number])!.objects
const find = (objects: Obj[], kind: string, name: string) =>
  objects.find((o) => o.kind === kind && o.metadata.name === name)
const releases = (objects: Obj[]) =>
  objects
    .filter((o) => o.kind === 'HelmRelease')
    .map(
      (o) => `${o.metadata.name} ${o.spec.chart?.spec?.chart}@${o.spec.chart?.spec?.version ?? '(from Git)'}`,
    )
    .sort()

/**
 * The command line's runCli in this process, what it prints caught: the same code as the command,
 * for the cases that differ only in what they name, without a tsx start each.
 */
function layoutInProcess(...args: string[]): { code: number; stdout: string; stderr: string } {
  const stdout: string[] = []
  const stderr: string[] = []
  const log = vi.spyOn(console, 'log').mockImplementation((line: string) => void stdout.push(`${line}\n`))
  const error = vi.spyOn(console, 'error').mockImplementation((line: string) => void stderr.push(`${line}\n`))
  try {
    return { code: runCli(args, reference), stdout: stdout.join(''), stderr: stderr.join('') }
  } finally {
    log.mockRestore()
    error.mockRestore()
  }
}

/** The gitops-layout command line, as the infrastructure workflow's first job runs it. */
async function layoutCli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(
      join(root, 'node_modules/.bin/tsx'),
      ['scripts/gitops-layout.ts', ...args],
      {
        cwd: root,
      },
    )
    return { code: 0, stdout, stderr }
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string }
    return { code: e.code, stdout: e.stdout, stderr: e.stderr }
  }
}

/** A scratch copy of the reference layout to break. */
function copyOfReference(): { dir: string; edit(path: string, from: string | RegExp, to: string): void } {
  const dir = mkdtempSync(join(tmpdir(), 'gitops-layout-'))
  copies.push(dir)
  cpSync(reference, dir, { recursive: true })
  return {
    dir,
    edit(path, from, to) {
      const file = join(dir, path)
      const text = readFileSync(file, 'utf8')
      const changed = text.replace(from, to)
      if (changed === text) throw new Error(`test setup: ${from} not found in ${path}`)
      writeFileSync(file, changed)
    },
  }
}
const copies: string[] = []
afterAll(() => {
  for (const dir of copies) rmSync(dir, { recursive: true, force: true })
})

describe('the reference GitOps repository', () => {
  it.each(ENVIRONMENTS)(
    'is what Flux on the %s cluster would reconcile in full: valid objects, no dangling reference',
    (environment) => {
      expect(layouts.get(environment)!.problems).toEqual([])
    },
  )

  it.each(['sit', 'uat', 'prod'])(
    '%s runs APISIX, Flagger for APISIX with its Prometheus, the load tester, the five apps and the alert provider',
    (environment) => {
      const objects = objectsOf(environment)
      expect(releases(objects)).toEqual([
        'apisix apisix@2.10.0',
        'c-demo ./workflows-examples/charts/app@(from Git)',
        'flagger flagger@1.44.0',
        'flagger-loadtester loadtester@0.38.0',
        'go-demo ./workflows-examples/charts/app@(from Git)',
        'js-demo ./workflows-examples/charts/app@(from Git)',
        'python-demo ./workflows-examples/charts/app@(from Git)',
        'rust-demo ./workflows-examples/charts/app@(from Git)',
      ])
      const flagger = find(objects, 'HelmRelease', 'flagger')!
      expect(flagger.spec.values).toMatchObject({
        meshProvider: 'apisix',
        prometheus: { install: true },
        clusterName: environment,
      })
      expect(find(objects, 'AlertProvider', 'on-call')?.metadata.namespace).toBe('flagger-system')
    },
  )

  it('monitor runs APISIX and one Grafana per environment; devops runs APISIX, and neither runs Flagger', () => {
    expect(releases(objectsOf('monitor'))).toEqual([
      'apisix apisix@2.10.0',
      'grafana-prod grafana@1.7.0',
      'grafana-sit grafana@1.7.0',
      'grafana-uat grafana@1.7.0',
    ])
    expect(releases(objectsOf('devops'))).toEqual(['apisix apisix@2.10.0'])
    // Every cluster syncs itself from Git, so Flux (installed from its chart) keeps it as the layout says.
    for (const environment of ENVIRONMENTS) {
      const sync = find(objectsOf(environment), 'Kustomization', 'cluster')
      expect(sync?.spec.path, environment).toBe(`./clusters/${environment}`)
    }
  })

  it('installs only charts that are in ../shared/fixtures/charts, at exactly those versions', () => {
    const dir = sharedChartsDir()
    if (!dir) throw new Error('../shared/fixtures/charts is missing: clone ../shared beside the repository')
    const available = new Set(readdirSync(dir).filter((file) => file.endsWith('.tgz')))
    for (const environment of ENVIRONMENTS) {
      for (const release of objectsOf(environment).filter((o) => o.kind === 'HelmRelease')) {
        const { chart, version, sourceRef } = release.spec.chart.spec
        if (sourceRef.kind !== 'HelmRepository') continue // the app chart, from Git
        expect(available, `${environment}: ${objectLabel(release)}`).toContain(`${chart}-${version}.tgz`)
      }
    }
  })

  it("gives monitor's Grafanas a data source on each environment's Flagger Prometheus, published to monitor only", () => {
    const monitor = objectsOf('monitor')
    const grafanaRoute = find(monitor, 'ApisixRoute', 'grafana')!
    const allowlists = new Set<string>()
    for (const environment of ['sit', 'uat', 'prod']) {
      const grafana = find(monitor, 'HelmRelease', `grafana-${environment}`)!
      const dataSource = new URL(grafana.spec.values.url)
      const route = find(objectsOf(environment), 'ApisixRoute', 'flagger-prometheus')!
      expect(route.metadata.namespace).toBe('flagger-system')
      const [rule] = route.spec.http
      expect(rule.match.hosts).toEqual([dataSource.host])
      expect(rule.match.paths).toEqual(['/api/v1/*'])
      // Flagger's chart names its Prometheus <release>-prometheus, port 9090, in Flagger's namespace.
      expect(rule.backends).toEqual([{ serviceName: 'flagger-prometheus', servicePort: 9090 }])
      const allowlist = rule.plugins.find((p: Obj) => p.name === 'ip-restriction')
      expect(allowlist?.enable).toBe(true)
      expect(allowlist?.config.whitelist.length).toBeGreaterThan(0)
      allowlists.add(JSON.stringify(allowlist.config.whitelist))
      // The admin password is not in Git, and Grafana is published on monitor on a host of its own.
      expect(grafana.spec.valuesFrom).toEqual([
        { kind: 'Secret', name: 'grafana-admin', valuesKey: 'password', targetPath: 'password' },
      ])
      expect(grafanaRoute.spec.http).toContainEqual(
        expect.objectContaining({ backends: [{ serviceName: `grafana-${environment}`, servicePort: 80 }] }),
      )
    }
    expect(allowlists.size, 'one address, monitor’s, allowed in every environment').toBe(1)
  })

  it('builds with the real kustomize to the same objects, for every path Flux applies in the five clusters', async () => {
    const kubectl = ensureKubectl()
    const paths = new Set(
      ENVIRONMENTS.flatMap((environment) =>
        objectsOf(environment)
          .filter(
            (o) => o.kind === 'Kustomization' && o.apiVersion.startsWith('kustomize.toolkit.fluxcd.io/'),
          )
          .map((o) => o.spec.path.replace(/^\.\//, '')),
      ),
    )
    expect(paths.size).toBe(2 * ENVIRONMENTS.length + 4) // each cluster and its addons; apps ×3; monitor's routes
    for (const path of paths) {
      const { stdout } = await run(kubectl, ['kustomize', join(reference, path)], { maxBuffer: 16 << 20 })
      const real = parseAllDocuments(stdout).map((d) => objectLabel(d.toJS()))
      const ours = kustomizeBuild(join(reference, path), reference).map(objectLabel)
      expect(real.sort(), path).toEqual(ours.sort())
    }
  })

  describe('when broken', () => {
    const broken = copyOfReference()
    broken.edit('clusters/sit/apps.yaml', '- name: addons', '- name: add-ons')
    broken.edit('infrastructure/addons/flagger/release.yaml', 'interval: 30m', 'interval: 30')
    broken.edit('infrastructure/addons/flagger/release.yaml', '  install:\n', '  instal:\n')
    broken.edit('apps/go-demo/sit/release.yaml', 'name: app-chart', 'name: app-charts')
    broken.edit('clusters/sit/addons.yaml', 'path: ./clusters/sit/addons', 'path: ./clusters/sit/add-ons')
    broken.edit('clusters/monitor/routes/grafana.yaml', 'servicePort: 80', 'port: 80')
    rmSync(join(broken.dir, 'infrastructure/addons/grafana/kustomization.yaml'))

    it('names each problem a cluster would hit, with the object it is in', () => {
      const { problems } = checkGitopsLayout(broken.dir, 'sit')
      expect(problems).toEqual(
        expect.arrayContaining([
          'Kustomization/flux-system/apps: dependsOn Kustomization/flux-system/add-ons is not in the repository',
          'HelmRelease/demo-go/go-demo: chart source GitRepository/flux-system/app-charts is not in the repository',
          'clusters/sit/add-ons: no such directory in the repository',
        ]),
      )
      // The broken add-ons path hides flagger's release; the same edits seen through uat's intact path:
      const uat = checkGitopsLayout(broken.dir, 'uat').problems
      expect(uat).toContainEqual(
        expect.stringMatching(/^HelmRelease\/flagger-system\/flagger: .*spec\.interval/),
      )
      expect(uat).toContain(
        'HelmRelease/flagger-system/flagger: strict decoding error: unknown field "spec.instal"',
      )
    })

    it('reports a component directory kustomize cannot build, and a route the APISIX CRD refuses', () => {
      const { problems } = checkGitopsLayout(broken.dir, 'monitor')
      expect(problems).toContain(
        'clusters/monitor/addons: resource ../../../infrastructure/addons/grafana is a directory without a kustomization.yaml, which kustomize cannot build',
      )
      expect(problems).toContainEqual(
        expect.stringMatching(/^ApisixRoute\/monitoring\/grafana: .*servicePort/),
      )
    })
  })

  describe('the command line, as the infrastructure workflow’s first job runs it', () => {
    it('passes the five environments of the reference layout, one line each', async () => {
      const { code, stdout, stderr } = await layoutCli()
      expect({ code, stderr }).toEqual({ code: 0, stderr: '' })
      expect(
        stdout
          .trim()
          .split('\n')
          .map((line) => line.split(':')[0]),
      ).toEqual([...ENVIRONMENTS])
    })

    it('fails with one line naming a cluster directory missing from the layout', () => {
      const layout = copyOfReference()
      rmSync(join(layout.dir, 'clusters/monitor'), { recursive: true })
      const { code, stdout, stderr } = layoutInProcess('--root', layout.dir)
      expect(code).toBe(1)
      expect(stderr).toBe(
        'environment monitor: the layout has no clusters/monitor directory (it has devops, prod, sit, uat)\n',
      )
      expect(stdout).toMatch(/^devops: .*\nsit: .*\nuat: .*\nprod: .*\n$/)
    })

    it('fails with one line naming an environment the caller asks for that has no directory', () => {
      const { code, stdout, stderr } = layoutInProcess('--environment', 'staging')
      expect({ code, stdout, stderr }).toEqual({
        code: 1,
        stdout: '',
        stderr:
          'environment staging: the layout has no clusters/staging directory (it has devops, monitor, prod, sit, uat)\n',
      })
    })

    it.each([
      [
        ['--environment', '../../etc'],
        '--environment "../../etc": expected a name like sit (lower-case letters, digits and -)',
      ],
      [['--root', '/nonexistent/gitops'], '--root /nonexistent/gitops: no such directory'],
      [['--environment'], /^gitops-layout: Option '--environment <value>' argument missing; usage: /],
      [['--env', 'sit'], /^gitops-layout: Unknown option '--env'.*; usage: /],
    ] as const)('refuses %j with one line saying what was expected', (args, line) => {
      const { code, stdout, stderr } = layoutInProcess(...args)
      expect({ code, stdout }).toEqual({ code: 1, stdout: '' })
      expect(stderr.endsWith('\n') && stderr.split('\n').length).toBe(2)
      if (typeof line === 'string') expect(stderr).toBe(`${line}\n`)
      else expect(stderr).toMatch(line)
    })

    it('prints names from the repository inert, so a file cannot issue a workflow command', async () => {
      const layout = copyOfReference()
      layout.edit('clusters/devops/addons.yaml', 'name: gitops', 'name: "x##[error]forged"')
      const { code, stderr } = await layoutCli('--root', layout.dir, '--environment', 'devops')
      expect(code).toBe(1)
      expect(stderr).not.toContain('##[')
      expect(stderr).toBe(
        'devops: Kustomization/flux-system/addons: sourceRef GitRepository/flux-system/x#\u2060#[error]forged is not in the repository\n',
      )
    })
  })
})
