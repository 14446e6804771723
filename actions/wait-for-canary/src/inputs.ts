import { ConfigurationError, InputReader, registerSecret, workflowRunUrl } from '@canary-delivery/action-kit'
import type { OnWaitingPromotion, StatusReportSettings, WaitInputs } from '@canary-delivery/canary-rollout'
import { hasTagOrDigest, TAG_OR_DIGEST_PATTERN } from '@canary-delivery/image-ref'

/** Where the commit status goes: the inputs both steps read (the post step may have to finish it). */
export function readReportSettings(
  inputs: InputReader,
  defaultContext: () => string,
): StatusReportSettings | undefined {
  const token = inputs.optional('token')
  registerSecret(token)
  const repository = inputs.matching('repository', /^[\w.-]+\/[\w.-]+$/, 'owner/name')
  const sha = inputs.matching('sha', /^[0-9a-f]{40}$/i, 'a full 40-character commit SHA')
  const kind = inputs.oneOf('report-as', ['status', 'check-run'] as const) ?? 'status'
  if (!token || !repository || !sha) return undefined
  return {
    kind,
    token,
    apiUrl: process.env.GITHUB_API_URL ?? 'https://api.github.com',
    repository,
    sha,
    context: inputs.optional('status-context') ?? defaultContext(),
    targetUrl: workflowRunUrl(),
    minIntervalMs: Number(process.env.WAIT_FOR_CANARY_STATUS_INTERVAL_MS) || undefined,
  }
}

/** The main step's inputs, checked; the delivery file is read (and its parser loaded) only when given. */
export async function readInputs(): Promise<WaitInputs> {
  const inputs = new InputReader()
  const environment = inputs.optional('environment')
  const config = inputs.optional('config')
  const resolved = config
    ? (await import('@canary-delivery/delivery-config')).resolveFromInputs({
        config,
        environment,
        workspace: process.env.GITHUB_WORKSPACE,
      })
    : undefined
  const name = inputs.optional('name') ?? resolved?.canary.name ?? resolved?.app
  if (!name)
    throw new ConfigurationError("Input 'name' is required (the Flagger Canary's name), or give 'config'")
  const tag = inputs.matching(
    'tag',
    TAG_OR_DIGEST_PATTERN,
    'an image tag (letters, digits, _ . -, up to 128) or a digest (sha256:…)',
  )
  const image = inputs.optional('image') ?? (tag ? resolved?.image : undefined)
  if (!tag && !image) {
    throw new ConfigurationError("Input 'tag' or 'image' is required: what the new revision must run")
  }
  if (image && !tag && !hasTagOrDigest(image)) {
    throw new ConfigurationError(
      `Input 'image' must carry a tag or digest (e.g. ${image}:1.2.3) when 'tag' is not given, got '${image}'`,
    )
  }
  const report = readReportSettings(inputs, () => `canary/${environment ?? name}`)
  return {
    kubeconfig: inputs.text('kubeconfig'),
    kubeconfigEnv: process.env.KUBECONFIG,
    runnerTemp: process.env.RUNNER_TEMP,
    workspace: process.env.GITHUB_WORKSPACE,
    context: inputs.optional('context') ?? resolved?.context,
    namespace: inputs.optional('namespace') ?? resolved?.namespace,
    name,
    expected: { tag, image },
    helmRelease: inputs.optional('helm-release') ?? resolved?.helmRelease,
    timeoutMs: inputs.duration('timeout', { minMs: 1_000 }),
    onWaitingPromotion:
      inputs.oneOf<OnWaitingPromotion>('on-waiting-promotion', ['wait', 'fail', 'succeed']) ?? 'wait',
    report,
    // Tuning for tests and the benchmark, which run Flagger on a scaled clock.
    staleGraceMs: Number(process.env.WAIT_FOR_CANARY_STALE_GRACE_MS) || undefined,
    watchTimeoutSeconds: Number(process.env.WAIT_FOR_CANARY_WATCH_TIMEOUT_SECONDS) || undefined,
    heartbeatMs: Number(process.env.WAIT_FOR_CANARY_HEARTBEAT_MS) || undefined,
  }
}
