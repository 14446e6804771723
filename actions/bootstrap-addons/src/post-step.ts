import { existsSync, rmSync } from 'node:fs'

// Runs after the job whatever happened: when the main step was killed before it could clean up,
// the private folder it wrote the kubeconfig, SSH key and known_hosts into is removed here.
const workDir = process.env['STATE_work-dir'] ?? ''
if (workDir && existsSync(workDir)) {
  rmSync(workDir, { recursive: true, force: true })
  process.stdout.write('Removed the credentials the main step left behind\n')
}
