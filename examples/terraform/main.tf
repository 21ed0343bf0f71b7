# A worker fleet: the AMI, the boot script and the task image each float.
module "network" {
  source = "git::https://github.com/acme/terraform-network.git?ref=main"
}

module "queue" {
  source  = "terraform-aws-modules/sqs/aws"
  version = ">= 4.0"
}

data "aws_ami" "worker" {
  most_recent = true

  filter {
    name   = "name"
    values = ["amzn2-ami-hvm-*-x86_64-gp2"]
  }
}

resource "aws_launch_template" "worker" {
  name_prefix   = "worker-"
  image_id      = data.aws_ami.worker.id
  instance_type = "t3.medium"

  user_data = base64encode(<<-EOT
    #!/bin/bash
    yum update -y
    curl -fsSL https://get.acme.example/agent.sh | bash
  EOT
  )

  lifecycle {
    ignore_changes = [image_id, user_data]
  }
}

resource "aws_ecr_repository" "worker" {
  name = "worker"
}

resource "aws_ecs_task_definition" "worker" {
  family = "worker"
  container_definitions = jsonencode([
    {
      name      = "worker"
      image     = "ghcr.io/acme/worker:2.3"
      essential = true
    }
  ])
}
