import type { ResourceType } from '../../resources'
import type { Obj } from '../../util'
import { type ControllerContext, kind } from '../context'
import type { FlaggerConfig } from './config'

/** What the parts of the Flagger model share: the kinds they touch and per-canary memory. */
export interface FlaggerContext {
  ctx: ControllerContext
  config: FlaggerConfig
  canaries: ResourceType
  deployments: ResourceType
  services: ResourceType
  /** Canary key → when (real ms) its canary Deployment was first seen not ready in this run. */
  notReadySince: Map<string, number>
}

export function flaggerContext(ctx: ControllerContext, config: FlaggerConfig): FlaggerContext {
  return {
    ctx,
    config,
    canaries: kind(ctx.registry, 'flagger.app', 'canaries'),
    deployments: kind(ctx.registry, 'apps', 'deployments'),
    services: kind(ctx.registry, '', 'services'),
    notReadySince: new Map(),
  }
}

/** `name.namespace`, as Flagger names objects in its messages. */
export const dotted = (obj: Obj): string => `${obj.metadata.name}.${obj.metadata.namespace}`

/** Records a Flagger event on the Canary (reason Synced) and logs it. */
export function recordEvent(fl: FlaggerContext, cd: Obj, type: 'Normal' | 'Warning', message: string): void {
  fl.ctx.events.record(cd, type, 'Synced', message, 'flagger')
  fl.ctx.log(`flagger ${dotted(cd)}: ${type === 'Warning' ? 'WARN ' : ''}${message}`)
}

/** The Canary's provider, or the one Flagger runs with (`-mesh-provider`) when it names none. */
export const providerOf = (fl: FlaggerContext, cd: Obj): string => cd.spec?.provider || fl.config.meshProvider
