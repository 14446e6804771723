# The infrastructure of the local chain, for `pnpm demo`: one host per environment in one
# configuration, as the seed's iac_modules made one VM per environment. On this machine a host is a
# sandbox cluster on 127.0.0.1, so each one is a terraform_data (built into Terraform: nothing to
# download) holding its address and its API server's port. provision-infra hands the `hosts` output
# on, as it would a cloud module's.
terraform {
  required_version = ">= 1.4"
  backend "local" {}
}

variable "clusters" {
  description = "environment → the cluster's address and its API server's port"
  type = map(object({
    address  = string
    api_port = number
  }))

  validation {
    condition     = alltrue([for c in values(var.clusters) : c.api_port > 0 && c.api_port < 65536])
    error_message = "Each cluster's api_port must be a TCP port (1-65535)."
  }
}

variable "domain" {
  description = "Each host is named <environment>.<domain>."
  type        = string
  default     = "example.com"
}

variable "ssh_user" {
  description = "The user a job would reach the hosts as."
  type        = string
  default     = "ubuntu"
}

resource "terraform_data" "host" {
  for_each = var.clusters
  input = {
    ip       = each.value.address
    hostname = "${each.key}.${var.domain}"
    user     = var.ssh_user
    api_port = each.value.api_port
  }
}

output "hosts" {
  description = "environment → { ip, hostname, user }: provision-infra's inventory"
  value = {
    for name, host in terraform_data.host : name => {
      ip       = host.output.ip
      hostname = host.output.hostname
      user     = host.output.user
    }
  }
}

output "api_ports" {
  description = "environment → the port of its Kubernetes API server on the host"
  value       = { for name, host in terraform_data.host : name => host.output.api_port }
}
