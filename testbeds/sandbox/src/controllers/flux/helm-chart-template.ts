import type { Obj } from '../../util'

/**
 * The HelmChart helm-controller keeps for a HelmRelease's `spec.chart` template: named
 * `<namespace>-<name>` in its source's namespace, labelled with the release it serves. Undefined for a
 * `spec.chartRef`, which has no template.
 */
export function chartTemplate(hr: Obj): Obj | undefined {
  const spec: Obj | undefined = hr.spec?.chart?.spec
  if (!spec) return undefined
  const namespace: string = spec.sourceRef?.namespace ?? hr.metadata.namespace
  return {
    apiVersion: 'source.toolkit.fluxcd.io/v1',
    kind: 'HelmChart',
    metadata: {
      name: `${hr.metadata.namespace}-${hr.metadata.name}`,
      namespace,
      labels: {
        'helm.toolkit.fluxcd.io/name': hr.metadata.name,
        'helm.toolkit.fluxcd.io/namespace': hr.metadata.namespace,
      },
    },
    spec: {
      chart: spec.chart,
      version: spec.version ?? '*',
      sourceRef: { kind: spec.sourceRef?.kind, name: spec.sourceRef?.name },
      interval: spec.interval ?? hr.spec?.interval ?? '10m',
      reconcileStrategy: spec.reconcileStrategy ?? 'ChartVersion',
      ...(spec.valuesFiles ? { valuesFiles: spec.valuesFiles } : {}),
      ...(spec.ignoreMissingValuesFiles !== undefined
        ? { ignoreMissingValuesFiles: spec.ignoreMissingValuesFiles }
        : {}),
    },
  }
}

/** Why helm-controller cannot use the HelmChart yet, in its words; undefined when it can. */
export function sourceNotReady(chart: Obj): string | undefined {
  const name = `HelmChart '${chart.metadata.namespace}/${chart.metadata.name}' is not ready`
  const conditions: Obj[] = chart.status?.conditions ?? []
  const ready = conditions.find((c) => c.type === 'Ready')
  const stalled = conditions.find((c) => c.type === 'Stalled' && c.status === 'True')
  if (chart.metadata.generation !== chart.status?.observedGeneration) {
    return `${name}: ${ready?.status === 'False' ? ready.message : 'latest generation of object has not been reconciled'}`
  }
  if (stalled) return `${name}: ${stalled.message}`
  if (!chart.status?.artifact) return `${name}: does not have an artifact`
  return undefined
}
