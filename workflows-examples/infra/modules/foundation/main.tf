variable "name_prefix" {
  type = string
}

variable "region" {
  type = string
}

variable "subnet_name" {
  type = string
}

variable "subnet_cidr" {
  type = string
}

variable "host_tag" {
  type = string
}

variable "kube_api_allowlist" {
  type = list(string)
}

variable "ssh_user" {
  type = string
}

variable "ssh_public_key" {
  type = string
}

resource "google_compute_network" "main" {
  name                    = "${var.name_prefix}-network"
  auto_create_subnetworks = false
}

resource "google_compute_subnetwork" "main" {
  name          = var.subnet_name
  region        = var.region
  network       = google_compute_network.main.id
  ip_cidr_range = var.subnet_cidr
}

# SSH and the web from anywhere: the APISIX gateway serves 80 and 443.
resource "google_compute_firewall" "public" {
  name          = "${var.name_prefix}-public"
  network       = google_compute_network.main.name
  direction     = "INGRESS"
  source_ranges = ["0.0.0.0/0"]
  target_tags   = [var.host_tag]

  allow {
    protocol = "tcp"
    ports    = ["22", "80", "443"]
  }
}

# The Kubernetes API only from the allowlist (the runners that deploy, the operators).
resource "google_compute_firewall" "kube_api" {
  count         = length(var.kube_api_allowlist) > 0 ? 1 : 0
  name          = "${var.name_prefix}-kube-api"
  network       = google_compute_network.main.name
  direction     = "INGRESS"
  source_ranges = var.kube_api_allowlist
  target_tags   = [var.host_tag]

  allow {
    protocol = "tcp"
    ports    = ["6443"]
  }
}

# The key pair's public half, for every VM of the project.
resource "google_compute_project_metadata_item" "ssh_keys" {
  key   = "ssh-keys"
  value = "${var.ssh_user}:${trimspace(var.ssh_public_key)}"
}

output "subnetwork" {
  value = google_compute_subnetwork.main.self_link
}
