import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parse } from 'yaml'

export interface ActionInput {
  description?: string
  required?: boolean
  default?: string
  deprecationMessage?: string
}

export interface ActionDefinition {
  name: string
  description?: string
  inputs: Record<string, ActionInput>
  outputs: Record<string, { description?: string }>
  runs: {
    using: string
    main: string
    pre?: string
    'pre-if'?: string
    post?: string
    'post-if'?: string
  }
}

const NODE_RUNTIMES = ['node20', 'node24']

/** Reads action.yml (or action.yaml) and checks that it describes a JavaScript action. */
export function loadActionDefinition(actionDir: string): ActionDefinition {
  let text: string | undefined
  let file = ''
  for (const name of ['action.yml', 'action.yaml']) {
    try {
      file = join(actionDir, name)
      text = readFileSync(file, 'utf8')
      break
    } catch {}
  }
  if (text === undefined) throw new Error(`${actionDir}: no action.yml or action.yaml`)
  const raw = parse(text) as Partial<ActionDefinition> | null
  if (!raw || typeof raw !== 'object' || !raw.runs) throw new Error(`${file}: 'runs' is missing`)
  if (!NODE_RUNTIMES.includes(raw.runs.using)) {
    throw new Error(`${file}: runs.using is '${raw.runs.using}', expected one of ${NODE_RUNTIMES.join(', ')}`)
  }
  if (!raw.runs.main) throw new Error(`${file}: runs.main is missing`)
  const inputs: Record<string, ActionInput> = {}
  for (const [name, input] of Object.entries(raw.inputs ?? {})) {
    // YAML may read `default: 1` or `default: true` as non-strings; the runner passes text.
    inputs[name] = { ...input, default: input?.default === undefined ? undefined : String(input.default) }
  }
  return {
    name: raw.name ?? actionDir,
    description: raw.description,
    inputs,
    outputs: raw.outputs ?? {},
    runs: raw.runs,
  }
}
