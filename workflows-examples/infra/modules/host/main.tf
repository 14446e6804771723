variable "name" {
  type = string
}

variable "environment" {
  type = string
}

variable "region" {
  type = string
}

variable "zone" {
  type = string
}

variable "subnetwork" {
  type = string
}

variable "host_tag" {
  type = string
}

variable "hostname" {
  type = string
}

variable "machine_type" {
  type = string
}

variable "disk_size_gb" {
  type = number
}

variable "image" {
  type = string
}

variable "k3s_version" {
  type = string
}

# Static, so that the address in k3s's certificate and in the next job's inventory stays true.
resource "google_compute_address" "host" {
  name         = var.name
  region       = var.region
  address_type = "EXTERNAL"
}

resource "google_compute_instance" "host" {
  name         = var.name
  zone         = var.zone
  machine_type = var.machine_type
  tags         = [var.host_tag]

  labels = {
    environment = var.environment
  }

  boot_disk {
    initialize_params {
      image = var.image
      size  = var.disk_size_gb
    }
  }

  network_interface {
    subnetwork = var.subnetwork

    access_config {
      nat_ip = google_compute_address.host.address
    }
  }

  metadata_startup_script = templatefile("${path.module}/k3s-startup.sh.tftpl", {
    k3s_version = var.k3s_version
    address     = google_compute_address.host.address
    hostname    = var.hostname == null ? "" : var.hostname
  })
}

output "address" {
  value = google_compute_address.host.address
}
