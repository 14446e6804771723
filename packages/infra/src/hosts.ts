import { isIP } from 'node:net'
import { holdsSecret } from './secrets'

/**
 * One host of the inventory handed to the next job (bootstrap-addons): `address` is what to connect
 * to (the IP when there is one, else the hostname); `ip`, `hostname` and `user` as the module gives them.
 */
export interface HostEntry {
  address: string
  ip?: string
  hostname?: string
  user?: string
}

export type Hosts = Record<string, HostEntry>

/** The environments of the chain; with the seed's layout, outputs so named hold each host's address. */
export const CHAIN_ENVIRONMENTS = ['devops', 'monitor', 'sit', 'uat', 'prod']

export interface TerraformOutput {
  value: unknown
  sensitive?: boolean
}

export interface PublicOutputs {
  /** Name → value, for the `outputs` output. */
  values: Record<string, unknown>
  /** Outputs left out, and why (never their values). */
  withheld: { name: string; reason: string }[]
}

/**
 * The outputs that may leave the job: not those Terraform marks sensitive, and not those holding a
 * value that came in as a secret (a provider or module need not mark it sensitive).
 */
export function publicOutputs(outputs: Record<string, TerraformOutput>): PublicOutputs {
  const values: Record<string, unknown> = {}
  const withheld: PublicOutputs['withheld'] = []
  for (const name of Object.keys(outputs).sort()) {
    const output = outputs[name]!
    if (output.sensitive) withheld.push({ name, reason: 'sensitive' })
    else if (holdsSecret(JSON.stringify(output.value) ?? ''))
      withheld.push({ name, reason: 'holds a secret value' })
    else values[name] = output.value
  }
  return { values, withheld }
}

const HOSTNAME =
  /^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\.?$/

function isAddress(value: unknown): value is string {
  return typeof value === 'string' && (isIP(value) !== 0 || HOSTNAME.test(value))
}

function stringField(value: Record<string, unknown>, ...names: string[]): string | undefined {
  for (const name of names) if (typeof value[name] === 'string' && value[name]) return value[name] as string
  return undefined
}

/** `{ ip, hostname, user }` (or `address`), or a bare address; undefined when neither. */
function hostEntry(value: unknown): HostEntry | undefined {
  if (isAddress(value))
    return isIP(value) ? { address: value, ip: value } : { address: value, hostname: value }
  if (!value || typeof value !== 'object' || Array.isArray(value)) return undefined
  const record = value as Record<string, unknown>
  const ip = stringField(record, 'ip')
  const hostname = stringField(record, 'hostname')
  const user = stringField(record, 'user')
  const address = ip ?? stringField(record, 'address') ?? hostname
  if (!isAddress(address)) return undefined
  return {
    address,
    ...(ip ? { ip } : {}),
    ...(hostname ? { hostname } : {}),
    ...(user ? { user } : {}),
  }
}

export interface HostsResult {
  hosts: Hosts
  /** Where they came from: `output "hosts"`, `outputs named after environments`, or none. */
  source: string
  warnings: string[]
}

/**
 * The inventory: the `hostsOutput` output when the module has one (a map of environment → host or
 * address), else the outputs named after environments (the chain's five and this one) that hold
 * an address, as the seed's modules did.
 */
export function hostsFromOutputs(
  outputs: Record<string, TerraformOutput>,
  publicValues: Record<string, unknown>,
  hostsOutput: string,
  environment: string,
): HostsResult {
  const warnings: string[] = []
  const hosts: Hosts = {}
  if (hostsOutput in outputs) {
    if (!(hostsOutput in publicValues)) {
      warnings.push(
        `The '${hostsOutput}' output is sensitive or holds a secret value, so no hosts are handed on; addresses are not secrets: leave the output unmarked`,
      )
      return { hosts, source: 'none', warnings }
    }
    const value = publicValues[hostsOutput]
    if (!value || typeof value !== 'object' || Array.isArray(value)) {
      warnings.push(
        `The '${hostsOutput}' output is not a map of environment → host, so no hosts are handed on`,
      )
      return { hosts, source: 'none', warnings }
    }
    for (const [name, entry] of Object.entries(value as Record<string, unknown>)) {
      const host = hostEntry(entry)
      if (host) hosts[name] = host
      else warnings.push(`'${hostsOutput}.${name}' holds no address (ip, address or hostname); left out`)
    }
    return { hosts, source: `output "${hostsOutput}"`, warnings }
  }
  for (const name of new Set([...CHAIN_ENVIRONMENTS, environment])) {
    if (!(name in publicValues) || !isAddress(publicValues[name])) continue
    hosts[name] = hostEntry(publicValues[name])!
  }
  return {
    hosts,
    source: Object.keys(hosts).length ? 'outputs named after environments' : 'none',
    warnings,
  }
}
