# provision-infra hands this to the next job as its `hosts` output (bootstrap-addons reads it).
# Addresses are not secrets: the output is deliberately not sensitive.
output "hosts" {
  description = "environment → the host's static address, DNS name and SSH user"
  value = {
    (var.environment) = {
      ip       = module.host.address
      hostname = local.hostname
      user     = var.ssh_user
    }
  }
}

output "kube_api" {
  description = "Where the runner reaches this environment's Kubernetes API (the TLS certificate names the address)."
  value       = "https://${module.host.address}:6443"
}
