import { goDuration } from '../../clock'
import { behaviourFor } from '../../scenario'
import type { Obj } from '../../util'
import { kind } from '../context'
import { dotted, type FlaggerContext } from './context'
import { builtinQuery, metricsServerOf, onlineError, queryError, renderQuery } from './prometheus'

const BUILTIN = new Set(['request-success-rate', 'request-duration'])
const isBuiltin = (m: Obj) => BUILTIN.has(m.name) && !m.templateRef

/**
 * The analysis' metric checks in Flagger's order: the built-in success rate and request duration (from
 * the metrics server), then the metrics of MetricTemplates. Values come from what the scenario says the
 * image does; a metrics server the cluster cannot reach fails the check with Flagger's message. Returns
 * the message of the first check that fails, or undefined when all pass.
 */
export function checkMetrics(fl: FlaggerContext, cd: Obj, image: string | undefined): string | undefined {
  const id = dotted(cd)
  const b = behaviourFor(fl.ctx.scenario(), image)
  const metrics: Obj[] = cd.spec.analysis?.metrics ?? []
  for (const m of metrics.filter(isBuiltin)) {
    const error = queryError(fl, metricsServerOf(fl, cd), builtinQuery(fl, cd, m))
    if (error) return `Prometheus query failed: ${error}`
    const range = rangeOf(m)
    if (m.name === 'request-success-rate') {
      const v = b.successRate ?? 100
      if (range.min !== undefined && v < range.min)
        return `Halt ${id} advancement success rate ${v.toFixed(2)}% < ${range.min}%`
      if (range.max !== undefined && v > range.max)
        return `Halt ${id} advancement success rate ${v.toFixed(2)}% > ${range.max}%`
    } else {
      const v = b.latencyMs ?? 50
      if (range.max !== undefined && v > range.max)
        return `Halt ${id} advancement request duration ${goDuration(v)} > ${goDuration(range.max)}`
      if (range.min !== undefined && v < range.min)
        return `Halt ${id} advancement request duration ${goDuration(v)} < ${goDuration(range.min)}`
    }
  }
  for (const m of metrics.filter((x) => !isBuiltin(x))) {
    if (m.templateRef && fl.config.network === 'cluster') {
      const template = templateOf(fl, cd, m)
      if (typeof template === 'string') return `Metric template ${template}`
      const address = template.spec?.provider?.address
      if (template.spec?.provider?.type === 'prometheus' && address) {
        const error = queryError(fl, address, renderQuery(String(template.spec.query ?? ''), cd, m))
        if (error) return `Metric query failed for ${m.name}: ${error}`
      }
    }
    const v = b.metrics?.[m.name]
    if (v === undefined) continue // no value in the scenario: the check passes
    const range = rangeOf(m)
    if (range.min !== undefined && v < range.min)
      return `Halt ${id} advancement ${m.name} ${v.toFixed(2)} < ${range.min}`
    if (range.max !== undefined && v > range.max)
      return `Halt ${id} advancement ${m.name} ${v.toFixed(2)} > ${range.max}`
  }
  return undefined
}

/**
 * Flagger's check, while a Canary initializes, that its metrics servers answer: the Prometheus of the
 * built-in metrics and each MetricTemplate's. Returns the warning Flagger records, or undefined.
 */
export function metricProvidersProblem(fl: FlaggerContext, cd: Obj): string | undefined {
  if (fl.config.network === 'implied' || cd.spec?.skipAnalysis) return undefined
  const prefix = 'Error checking metric providers: '
  for (const m of (cd.spec.analysis?.metrics ?? []) as Obj[]) {
    if (isBuiltin(m)) {
      const error = onlineError(fl, metricsServerOf(fl, cd))
      if (error) return `${prefix}prometheus not avaiable: ${error}`
    } else if (m.templateRef) {
      const template = templateOf(fl, cd, m)
      if (typeof template === 'string') return `${prefix}metric template ${template}`
      const { type, address } = template.spec?.provider ?? {}
      const error = type === 'prometheus' && address ? onlineError(fl, address) : undefined
      if (error) return `${prefix}${type} in metric template ${dotted(template)} not avaiable: ${error}`
    }
  }
  return undefined
}

const rangeOf = (m: Obj): Obj => m.thresholdRange ?? (m.threshold !== undefined ? { min: m.threshold } : {})

/** The metric's MetricTemplate, or the rest of Flagger's message when it cannot be read. */
function templateOf(fl: FlaggerContext, cd: Obj, m: Obj): Obj | string {
  const namespace: string = m.templateRef.namespace || cd.metadata.namespace
  const name: string = m.templateRef.name
  const rt = fl.ctx.registry.all().some((t) => t.group === 'flagger.app' && t.plural === 'metrictemplates')
    ? kind(fl.ctx.registry, 'flagger.app', 'metrictemplates')
    : undefined
  const template = rt ? fl.ctx.store.get(rt, namespace, name) : undefined
  return template ?? `${name}.${namespace} error: metrictemplates.flagger.app "${name}" not found`
}
