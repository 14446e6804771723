import { execFile } from 'node:child_process'
import { existsSync, rmSync, writeFileSync } from 'node:fs'
import { isAbsolute, join, relative, resolve } from 'node:path'
import { promisify } from 'node:util'
import { ensureHelm } from '@canary-delivery/tools'
import { parseAllDocuments } from 'yaml'
import type { Obj } from '../../util'
import type { FluxStorage } from './storage'

const run = promisify(execFile)

/**
 * A chart that lives in a fetched GitRepository (spec.chart.spec.sourceRef of kind GitRepository,
 * chart = a path inside it) is rendered for real, with helm: the reference chart, values and all.
 */
export function gitChartDir(hr: Obj, storage: FluxStorage): string | undefined {
  const spec = hr.spec?.chart?.spec
  if (spec?.sourceRef?.kind !== 'GitRepository' || typeof spec.chart !== 'string') return undefined
  const artifact = storage.artifact(
    'GitRepository',
    spec.sourceRef.namespace ?? hr.metadata.namespace,
    spec.sourceRef.name,
  )
  if (!artifact) throw new Error(`GitRepository ${spec.sourceRef.name} has no artifact yet`)
  const dir = resolve(artifact.dir, spec.chart)
  const inside = relative(artifact.dir, dir)
  if (inside.startsWith('..') || isAbsolute(inside) || !existsSync(join(dir, 'Chart.yaml'))) {
    throw new Error(`no chart at ${spec.chart} in GitRepository ${spec.sourceRef.name}`)
  }
  return dir
}

export async function helmTemplate(
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
