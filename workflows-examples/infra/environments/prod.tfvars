environment  = "prod"
machine_type = "e2-standard-4"
