environment  = "sit"
machine_type = "e2-standard-2"
