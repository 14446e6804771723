environment  = "uat"
machine_type = "e2-standard-2"
