environment  = "devops"
machine_type = "e2-standard-2"
