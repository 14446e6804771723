import { checkAgainstCrds, type RenderInputs, type RenderResult, renderUnchecked } from './render-lazily'
import { validateObject } from './validate'

export type { RenderInputs, RenderResult } from './render-lazily'

/** Everything render-canary-values does: settings from profile, file and inputs; values; Canary; checks. */
export function renderCanaryValues(inputs: RenderInputs): RenderResult {
  const result = renderUnchecked(inputs)
  checkAgainstCrds(result, validateObject)
  return result
}
