import { isAbsolute, relative, resolve } from 'node:path'
import { ConfigurationError, expandTemplate } from '@canary-delivery/action-kit'
import { loadDeliveryFile } from './load'
import type { DeliveryFile, ResolvedEnvironment } from './types'

/** One environment of a delivery file: defaults, then the environment's own settings. */
export function resolveEnvironment(
  file: DeliveryFile,
  name: string,
  source = 'the delivery file',
): ResolvedEnvironment {
  const index = file.environments.findIndex((environment) => environment.name === name)
  if (index < 0) {
    const names = file.environments.map((environment) => environment.name).join(', ')
    throw new ConfigurationError(`Input 'environment': '${name}' is not in ${source} (it has ${names})`)
  }
  const own = file.environments[index]!
  const defaults = file.defaults ?? {}
  const namespace = own.namespace ?? defaults.namespace
  const gitops = { ...file.gitops, ...defaults.gitops, ...own.gitops }
  if (gitops.file) {
    gitops.file = expandTemplate(gitops.file, { app: file.app, environment: name, namespace }, 'gitops.file')
  }
  return {
    app: file.app,
    image: file.image,
    environment: name,
    index,
    previousEnvironment: file.environments[index - 1]?.name,
    nextEnvironment: file.environments[index + 1]?.name,
    namespace,
    context: own.context ?? defaults.context,
    helmRelease: own.helmRelease ?? defaults.helmRelease ?? file.app,
    gitops,
    canary: { ...defaults.canary, ...own.canary },
    profiles: file.profiles ?? {},
    source,
  }
}

export interface DeliveryInputs {
  /** The `config` input: a path relative to the workspace. */
  config?: string
  /** The `environment` input. */
  environment?: string
  /** GITHUB_WORKSPACE, where relative paths start. */
  workspace?: string
}

/**
 * What every action does with its `config` and `environment` inputs: no config, no file (the action
 * runs on explicit inputs alone); a config, the named environment resolved from it.
 */
export function resolveFromInputs({
  config,
  environment,
  workspace = process.cwd(),
}: DeliveryInputs): ResolvedEnvironment | undefined {
  if (!config) return undefined
  const path = isAbsolute(config) ? config : resolve(workspace, config)
  const display = isAbsolute(config) ? config : relative(workspace, path) || config
  const file = loadDeliveryFile(path, display)
  let name = environment
  if (!name) {
    if (file.environments.length !== 1) {
      const names = file.environments.map((e) => e.name).join(', ')
      throw new ConfigurationError(`Input 'environment' is required with 'config' (${display} has ${names})`)
    }
    name = file.environments[0]!.name
  }
  return resolveEnvironment(file, name, display)
}

/** The first value that is set: explicit input, then the delivery file, then the default. */
export function firstDefined<T>(...values: (T | undefined)[]): T | undefined {
  return values.find((value) => value !== undefined)
}
