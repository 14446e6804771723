// bootstrap-addons' entry, for both of its steps. It loads nothing itself, so that the action starts
// fast: the main step's modules are imported when it runs, and the post step only removes a folder.
import { appendFileSync } from 'node:fs'

if (process.env['STATE_is-post']) {
  await import('./post-step')
} else {
  // First, so that the post step knows it is the post step even when the main step fails early.
  if (process.env.GITHUB_STATE) appendFileSync(process.env.GITHUB_STATE, 'is-post=true\n')
  await import('./main-step')
}
