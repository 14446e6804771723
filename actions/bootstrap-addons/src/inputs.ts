import { ConfigurationError, InputReader, registerSecret } from '@canary-delivery/action-kit'
import type { BootstrapSettings } from '@canary-delivery/addons'
import {
  COMMANDS,
  hostFromHosts,
  PINNED,
  parseBranch,
  parseChartRepository,
  parseChartVersion,
  parseEnvironment,
  parseGitopsPath,
  parseNamespace,
  parseSshHost,
  parseSshUser,
  parseValues,
  resolveGitopsSource,
  VERIFY_SCOPES,
} from '@canary-delivery/addons/settings'

/** GitHub's published SSH host keys for github.com, for a deploy key without gitops-known-hosts. */
const GITHUB_KNOWN_HOSTS = [
  'github.com ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl',
  'github.com ecdsa-sha2-nistp256 AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTYAAABBBEmKSENjQEezOmxkZMy7opKgwFB9nkt5YRrYMjNuG5N87uRgg6CLrbo5wAdT/y6v0mKV0U2w0WZ2YB/++Tpockg=',
].join('\n')

/** A private key: masked whole and line by line (its base64 body lines), as the runner masks per line. */
function registerText(text: string | undefined): void {
  if (!text) return
  registerSecret(text)
  for (const line of text.split('\n'))
    if (line.trim().length >= 8 && !/^-----/.test(line.trim())) registerSecret(line.trim())
}

export type Inputs = Omit<BootstrapSettings, 'log' | 'registerSecret' | 'onWorkDir' | 'signal'>

/** Every input, checked before anything is contacted or written; a mistake is one line naming the input. */
export async function readInputs(): Promise<Inputs> {
  const inputs = new InputReader()
  const environment = parseEnvironment(inputs.required('environment'))
  const command = inputs.oneOf('command', COMMANDS) ?? 'apply'
  const workspace = process.env.GITHUB_WORKSPACE ?? process.cwd()

  const kubeconfig = inputs.text('kubeconfig')
  // Whole; its tokens and keys are masked one by one when it is read (kube's prepareKubeconfig).
  registerSecret(kubeconfig)
  const sshHost = inputs.optional('ssh-host')
  const hostsText = inputs.optional('hosts')
  if (sshHost && hostsText)
    throw new ConfigurationError("Inputs 'ssh-host' and 'hosts' name the host twice: give one")
  if (kubeconfig && (sshHost || hostsText))
    throw new ConfigurationError(
      `Input 'kubeconfig' and '${sshHost ? 'ssh-host' : 'hosts'}' both give the cluster: give one`,
    )
  let cluster: Inputs['cluster']
  if (sshHost || hostsText) {
    const host = sshHost ? { address: parseSshHost(sshHost) } : hostFromHosts(hostsText!, environment)
    const key = inputs.text('ssh-key')
    registerText(key)
    const knownHosts = inputs.text('ssh-known-hosts')
    if (!key)
      throw new ConfigurationError(`Input 'ssh-key' is required with '${sshHost ? 'ssh-host' : 'hosts'}'`)
    if (!knownHosts)
      throw new ConfigurationError(
        `Input 'ssh-known-hosts' is required with '${sshHost ? 'ssh-host' : 'hosts'}' (ssh-keyscan output, checked once by a person): host keys are checked strictly`,
      )
    cluster = {
      kind: 'ssh',
      target: {
        host: host.address,
        user: parseSshUser(
          inputs.optional('ssh-user') ?? host.user ?? 'root',
          inputs.optional('ssh-user') ? 'ssh-user' : 'hosts',
        ),
        port: inputs.integer('ssh-port', { min: 1, max: 65535 }) ?? 22,
        apiPort: inputs.integer('api-server-port', { min: 1, max: 65535 }) ?? 6443,
        key,
        knownHosts,
      },
    }
  } else {
    cluster = {
      kind: 'kubeconfig',
      content: kubeconfig,
      kubeconfigEnv: process.env.KUBECONFIG,
      context: inputs.optional('context'),
    }
  }

  const token = inputs.optional('gitops-token')
  registerSecret(token)
  const deployKey = inputs.text('gitops-deploy-key')
  registerText(deployKey)
  if (token && deployKey)
    throw new ConfigurationError(
      "Inputs 'gitops-token' and 'gitops-deploy-key' are two credentials: give one",
    )
  const repository = inputs.required('gitops-repository')
  const source = resolveGitopsSource(repository, {
    deployKey: Boolean(deployKey),
    serverUrl: process.env.GITHUB_SERVER_URL,
    workspace,
  })
  const onGitHub =
    /^[A-Za-z0-9-]+\/[A-Za-z0-9._-]+$/.test(repository.trim()) &&
    (process.env.GITHUB_SERVER_URL ?? 'https://github.com') === 'https://github.com'
  const knownHosts = inputs.text('gitops-known-hosts') ?? (onGitHub ? GITHUB_KNOWN_HOSTS : undefined)
  if (deployKey && !knownHosts)
    throw new ConfigurationError(
      "Input 'gitops-known-hosts' is required with 'gitops-deploy-key' for a repository outside github.com",
    )

  const helmVersion = inputs.matching('helm-version', /^v?\d+\.\d+\.\d+$/, 'one helm version such as 4.1.4')
  return {
    environment,
    command,
    cluster,
    gitops: {
      source,
      branch: parseBranch(inputs.optional('gitops-branch') ?? 'main'),
      path: parseGitopsPath(inputs.optional('gitops-path') ?? 'clusters/{environment}', environment),
      ...(token ? { token } : {}),
      ...(deployKey ? { deployKey: { key: deployKey, knownHosts: knownHosts! } } : {}),
    },
    flux: {
      version: parseChartVersion(
        inputs.optional('flux-chart-version') ?? PINNED.fluxChartVersion,
        'flux-chart-version',
      ),
      repository: parseChartRepository(
        inputs.optional('flux-chart-repository') ?? PINNED.fluxChartRepository,
      ),
      namespace: parseNamespace(inputs.optional('flux-namespace') ?? 'flux-system', 'flux-namespace'),
      values: await parseValues(inputs.text('flux-values'), 'flux-values'),
    },
    helm: {
      version: (helmVersion ?? PINNED.helmVersion).replace(/^v/, ''),
      ...(inputs.optional('helm') ? { given: inputs.optional('helm') } : {}),
      // On a runner the pinned helm may be installed into the tool cache; elsewhere it must be there.
      ...(process.env.GITHUB_ACTIONS === 'true' && process.env.RUNNER_TOOL_CACHE
        ? { toolCache: process.env.RUNNER_TOOL_CACHE }
        : {}),
    },
    timeoutMs: inputs.duration('timeout', { minMs: 10_000, maxMs: 6 * 3_600_000 }) ?? 15 * 60_000,
    resetStalled: inputs.boolean('reset-stalled') ?? true,
    verify: inputs.oneOf('verify', VERIFY_SCOPES) ?? 'canary',
    tempDir: process.env.RUNNER_TEMP ?? workspace,
  }
}
