variable "project" {
  description = "The Google Cloud project."
  type        = string
}

variable "region" {
  description = "Region of the subnet and the static addresses."
  type        = string
  default     = "europe-west1"
}

variable "zone" {
  description = "Zone of the VMs."
  type        = string
  default     = "europe-west1-b"
}

variable "environment" {
  description = "The environment this state holds: its static address and VM."
  type        = string

  validation {
    condition     = contains(["devops", "monitor", "sit", "uat", "prod"], var.environment)
    error_message = "environment must be one of devops, monitor, sit, uat, prod."
  }
}

variable "foundation_environment" {
  description = "The environment whose state also holds what all of them share (network, firewall, SSH key); planned and applied first."
  type        = string
  default     = "devops"
}

variable "name_prefix" {
  description = "Prefix of every resource name."
  type        = string
  default     = "canary"
}

variable "subnet_cidr" {
  description = "Address range of the subnet the VMs live in."
  type        = string
  default     = "10.10.0.0/20"

  validation {
    condition     = can(cidrhost(var.subnet_cidr, 0))
    error_message = "subnet_cidr must be a CIDR range such as 10.10.0.0/20."
  }
}

variable "kube_api_allowlist" {
  description = "CIDR ranges allowed to reach the Kubernetes API (6443): the runners and operators that use a kubeconfig."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for cidr in var.kube_api_allowlist : can(cidrhost(cidr, 0))])
    error_message = "Every kube_api_allowlist entry must be a CIDR range such as 203.0.113.0/24."
  }
}

variable "ssh_user" {
  description = "The login the public key is for; handed to the next job as each host's user."
  type        = string
  default     = "ubuntu"
}

variable "ssh_public_key" {
  description = "The public half of the SSH key pair (its private half stays in a secret of the repository)."
  type        = string

  validation {
    condition     = can(regex("^(ssh-ed25519|ssh-rsa|ecdsa-sha2-nistp256) [A-Za-z0-9+/=]+( .*)?$", var.ssh_public_key))
    error_message = "ssh_public_key must be an OpenSSH public key (ssh-ed25519 AAAA… comment)."
  }
}

variable "domain" {
  description = "DNS domain of the hosts (<environment>.<domain>); empty when they have no names."
  type        = string
  default     = ""
}

variable "machine_type" {
  description = "Machine type of the VM."
  type        = string
  default     = "e2-standard-2"
}

variable "disk_size_gb" {
  description = "Boot disk size."
  type        = number
  default     = 40
}

variable "image" {
  description = "Boot image of the VM."
  type        = string
  default     = "ubuntu-os-cloud/ubuntu-2404-lts-amd64"
}

variable "k3s_version" {
  description = "The k3s release the startup script installs (pinned: a new one is a reviewed change)."
  type        = string
  default     = "v1.33.6+k3s1"

  validation {
    condition     = can(regex("^v[0-9]+\\.[0-9]+\\.[0-9]+\\+k3s[0-9]+$", var.k3s_version))
    error_message = "k3s_version must be a k3s release such as v1.33.6+k3s1."
  }
}
