terraform {
  required_version = ">= 1.5, < 2.0"
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.0"
    }
  }
}

provider "aws" {
  region = var.region
}

provider "aws" {
  alias  = "east"
  region = "us-east-1"
}

variable "region" {
  type        = string
  default     = "eu-west-1"
  description = "Where to deploy."
  nullable    = false

  validation {
    condition     = length(var.region) > 0 && var.zone != "x"
    error_message = "The region must not be empty."
  }
}

variable "zone" {
  type      = string
  default   = "a"
  sensitive = true
  ephemeral = false
}

locals {
  name = "demo-${var.region}"
  tags = { Name = local.name }
}

resource "terraform_data" "base" {
  input = local.tags
}

resource "terraform_data" "web" {
  count      = 2
  input      = "${local.name}-${count.index}"
  depends_on = [terraform_data.base]

  lifecycle {
    create_before_destroy = true
    prevent_destroy       = false
    ignore_changes        = [input]
    replace_triggered_by  = [terraform_data.base]

    precondition {
      condition     = var.region != ""
      error_message = "Region needed."
    }
    postcondition {
      condition     = self.id != ""
      error_message = "Id needed."
    }
  }

  provisioner "local-exec" {
    command    = "echo ${self.id}"
    when       = create
    on_failure = continue
  }

  connection {
    host = "example.com"
  }
}

resource "terraform_data" "keyed" {
  for_each = toset(["a", "b"])
  input    = "${each.key}=${each.value}"
  provider = terraform
}

data "terraform_remote_state" "net" {
  backend = "local"
  config  = { path = "${path.module}/net.tfstate" }
}

output "web_ids" {
  value       = terraform_data.web[*].id
  description = "Ids."
  depends_on  = [terraform_data.keyed]

  precondition {
    condition     = length(terraform_data.web) == 2
    error_message = "Two."
  }
}

output "zone" {
  value     = var.zone
  sensitive = true
}

moved {
  from = terraform_data.old
  to   = terraform_data.base
}

removed {
  from = terraform_data.gone
  lifecycle {
    destroy = false
  }
}

import {
  to = terraform_data.base
  id = "abc"
}

check "health" {
  assert {
    condition     = terraform_data.base.output != null
    error_message = "Base must have output."
  }
}
