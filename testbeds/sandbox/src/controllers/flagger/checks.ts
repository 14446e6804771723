import { goDuration } from '../../clock'
import { behaviourFor } from '../../scenario'
import type { Obj } from '../../util'
import { dotted, type FlaggerContext } from './context'

/**
 * The analysis' metric checks against what the scenario says the image does: the built-in success rate
 * and request duration, and custom metrics by name. Returns Flagger's Halt message for the first check
 * that fails, or undefined when all pass.
 */
export function checkMetrics(fl: FlaggerContext, cd: Obj, image: string | undefined): string | undefined {
  const id = dotted(cd)
  const b = behaviourFor(fl.ctx.scenario(), image)
  for (const m of cd.spec.analysis?.metrics ?? []) {
    const range: Obj = m.thresholdRange ?? (m.threshold !== undefined ? { min: m.threshold } : {})
    if (m.name === 'request-success-rate' && !m.templateRef) {
      const v = b.successRate ?? 100
      if (range.min !== undefined && v < range.min)
        return `Halt ${id} advancement success rate ${v.toFixed(2)}% < ${range.min}%`
      if (range.max !== undefined && v > range.max)
        return `Halt ${id} advancement success rate ${v.toFixed(2)}% > ${range.max}%`
    } else if (m.name === 'request-duration' && !m.templateRef) {
      const v = b.latencyMs ?? 50
      if (range.max !== undefined && v > range.max)
        return `Halt ${id} advancement request duration ${goDuration(v)} > ${goDuration(range.max)}`
      if (range.min !== undefined && v < range.min)
        return `Halt ${id} advancement request duration ${goDuration(v)} < ${goDuration(range.min)}`
    } else {
      const v = b.metrics?.[m.name]
      if (v === undefined) continue // no value in the scenario: the check passes
      if (range.min !== undefined && v < range.min)
        return `Halt ${id} advancement ${m.name} ${v.toFixed(2)} < ${range.min}`
      if (range.max !== undefined && v > range.max)
        return `Halt ${id} advancement ${m.name} ${v.toFixed(2)} > ${range.max}`
    }
  }
  return undefined
}
