import { existsSync, rmSync } from 'node:fs'
import * as core from '@actions/core'
import {
  ConfigurationError,
  InputReader,
  registerSecret,
  runAction,
  workflowRunUrl,
  writeSummary,
} from '@canary-delivery/action-kit'
import {
  isSuccess,
  type OnWaitingPromotion,
  renderSummary,
  type WaitInputs,
  waitForCanary,
} from '@canary-delivery/canary-rollout'
import { resolveFromInputs } from '@canary-delivery/delivery-config'
import { hasTagOrDigest, TAG_OR_DIGEST_PATTERN } from '@canary-delivery/image-ref'

function readInputs(): WaitInputs {
  const inputs = new InputReader()
  const environment = inputs.optional('environment')
  const resolved = resolveFromInputs({
    config: inputs.optional('config'),
    environment,
    workspace: process.env.GITHUB_WORKSPACE,
  })
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
  const token = inputs.optional('token')
  registerSecret(token)
  const repository = inputs.matching('repository', /^[\w.-]+\/[\w.-]+$/, 'owner/name')
  const sha = inputs.matching('sha', /^[0-9a-f]{40}$/i, 'a full 40-character commit SHA')
  const reportAs = inputs.oneOf('report-as', ['status', 'check-run'] as const) ?? 'status'
  const statusContext = inputs.optional('status-context') ?? `canary/${environment ?? name}`
  return {
    kubeconfig: inputs.text('kubeconfig'),
    kubeconfigEnv: process.env.KUBECONFIG,
    runnerTemp: process.env.RUNNER_TEMP,
    context: inputs.optional('context') ?? resolved?.context,
    namespace: inputs.optional('namespace') ?? resolved?.namespace,
    name,
    expected: { tag, image },
    helmRelease: inputs.optional('helm-release') ?? resolved?.helmRelease,
    timeoutMs: inputs.duration('timeout', { minMs: 1_000 }),
    onWaitingPromotion:
      inputs.oneOf<OnWaitingPromotion>('on-waiting-promotion', ['wait', 'fail', 'succeed']) ?? 'wait',
    report:
      token && repository && sha
        ? {
            kind: reportAs,
            token,
            apiUrl: process.env.GITHUB_API_URL ?? 'https://api.github.com',
            repository,
            sha,
            context: statusContext,
            targetUrl: workflowRunUrl(),
            minIntervalMs: Number(process.env.WAIT_FOR_CANARY_STATUS_INTERVAL_MS) || undefined,
          }
        : undefined,
    // Tuning for tests and the benchmark, which run Flagger on a scaled clock.
    staleGraceMs: Number(process.env.WAIT_FOR_CANARY_STALE_GRACE_MS) || undefined,
    watchTimeoutSeconds: Number(process.env.WAIT_FOR_CANARY_WATCH_TIMEOUT_SECONDS) || undefined,
  }
}

async function main(): Promise<void> {
  // First, so that the post step knows it is the post step even when main fails early.
  core.saveState('is-post', 'true')
  const inputs = readInputs()
  const outcome = await waitForCanary(inputs, {
    log: (line) => core.info(line),
    debug: (line) => core.debug(line),
    warn: (line) => core.warning(line),
    registerSecret,
    onKubeconfigWritten: (path) => core.saveState('kubeconfig-path', path),
  })
  const { verdict } = outcome
  core.setOutput('result', verdict.result)
  core.setOutput('phase', outcome.snapshot.phase)
  core.setOutput('duration-seconds', String(Math.round(outcome.durationSeconds)))
  core.setOutput('canary-weight', String(outcome.peak.weight))
  core.setOutput('failed-checks', String(outcome.peak.failedChecks))
  core.setOutput('events', JSON.stringify(outcome.events))
  await writeSummary(renderSummary(outcome))
  if (isSuccess(verdict)) {
    if (verdict.result !== 'succeeded') core.notice(verdict.message)
    return
  }
  core.setFailed([verdict.message, ...verdict.reasons.slice(1).map((r) => `  ${r}`)].join('\n'))
}

/** Removes the kubeconfig if main could not (killed, cancelled). */
async function post(): Promise<void> {
  const path = core.getState('kubeconfig-path')
  if (path && existsSync(path)) {
    rmSync(path, { force: true })
    core.info('Removed the kubeconfig written by the main step')
  }
}

await runAction(core.getState('is-post') ? post : main)
