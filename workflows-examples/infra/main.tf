# One environment per state. The foundation environment (devops, first in the chain) also owns what
# every environment shares; the others find its subnet by name.

locals {
  owns_foundation = var.environment == var.foundation_environment
  subnet_name     = "${var.name_prefix}-subnet"
  host_tag        = "${var.name_prefix}-k3s"
  hostname        = var.domain == "" ? null : "${var.environment}.${var.domain}"
}

module "foundation" {
  source = "./modules/foundation"
  count  = local.owns_foundation ? 1 : 0

  name_prefix        = var.name_prefix
  region             = var.region
  subnet_name        = local.subnet_name
  subnet_cidr        = var.subnet_cidr
  host_tag           = local.host_tag
  kube_api_allowlist = var.kube_api_allowlist
  ssh_user           = var.ssh_user
  ssh_public_key     = var.ssh_public_key
}

data "google_compute_subnetwork" "shared" {
  count  = local.owns_foundation ? 0 : 1
  name   = local.subnet_name
  region = var.region
}

module "host" {
  source = "./modules/host"

  name         = "${var.name_prefix}-${var.environment}"
  environment  = var.environment
  region       = var.region
  zone         = var.zone
  subnetwork   = local.owns_foundation ? module.foundation[0].subnetwork : data.google_compute_subnetwork.shared[0].self_link
  host_tag     = local.host_tag
  hostname     = local.hostname
  machine_type = var.machine_type
  disk_size_gb = var.disk_size_gb
  image        = var.image
  k3s_version  = var.k3s_version
}
