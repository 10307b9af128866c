resourse "terraform_data" "typo" {} # ERROR: Unsupported block type
