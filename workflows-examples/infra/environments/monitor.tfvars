environment  = "monitor"
machine_type = "e2-standard-2"
