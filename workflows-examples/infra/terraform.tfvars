# Shared by every environment (environments/<environment>.tfvars holds the rest).
project            = "acme-canary-infra"
region             = "europe-west1"
zone               = "europe-west1-b"
domain             = "canary.example.com"
kube_api_allowlist = ["203.0.113.0/24"]
ssh_user           = "ubuntu"
ssh_public_key     = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIReplaceWithTheTeamsPublicKey devops@example.com"
