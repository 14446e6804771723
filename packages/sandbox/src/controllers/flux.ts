import type { Controller, ControllerContext } from './context'

export interface GitopsOptions {
  /** A local git repository (or plain directory). */
  dir: string
  /** Path inside it for the root Kustomization. Default `./`. */
  path?: string
}

export function fluxControllers(_ctx: ControllerContext, _gitops?: string | GitopsOptions): Controller {
  return { stop() {} }
}
