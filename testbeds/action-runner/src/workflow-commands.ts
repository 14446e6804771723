/**
 * The `::command key=value::message` lines a step prints on its standard output, decoded as the
 * GitHub runner decodes them.
 */
export interface WorkflowCommand {
  command: string
  properties: Record<string, string>
  message: string
}

const COMMAND = /^::([A-Za-z-]+)(?: ([^:]*))?::(.*)$/

function unescapeData(value: string): string {
  return value.replace(/%0D/gi, '\r').replace(/%0A/gi, '\n').replace(/%25/g, '%')
}

function unescapeProperty(value: string): string {
  return unescapeData(value).replace(/%3A/gi, ':').replace(/%2C/gi, ',')
}

export function parseWorkflowCommand(line: string): WorkflowCommand | undefined {
  const match = COMMAND.exec(line.trimStart())
  if (!match) return undefined
  const [, command, rawProperties, message] = match
  const properties: Record<string, string> = {}
  for (const pair of (rawProperties ?? '').split(',')) {
    const eq = pair.indexOf('=')
    if (eq > 0) properties[pair.slice(0, eq).trim()] = unescapeProperty(pair.slice(eq + 1))
  }
  return { command: command!, properties, message: unescapeData(message ?? '') }
}
