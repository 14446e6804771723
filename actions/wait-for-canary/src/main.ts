// wait-for-canary's entry, for both of its steps. It loads nothing itself: the main step's modules
// (inputs first; the Kubernetes and GitHub clients only once the inputs are good) and the post
// step's (which usually only removes a file) are each imported when that step runs.
import { appendFileSync } from 'node:fs'

const isPostStep = Boolean(process.env['STATE_is-post'])
if (isPostStep) {
  await import('./post-step')
} else {
  // First, so that the post step knows it is the post step even when the main step fails early.
  // A `name=value` line in GITHUB_STATE is GitHub's documented way to hand a value to the post step.
  if (process.env.GITHUB_STATE) appendFileSync(process.env.GITHUB_STATE, 'is-post=true\n')
  await import('./wait-step')
}
