resource "aws_instance" "web" {
ami = "ami-123"
    instance_type="t2.micro"
  count                   = 2
      tags = {
  Name = "web"
    Environment="prod"
        "quoted key"   =    1
  }
  a=1
  bbbbbbbb=2

  ccc    = 3
  # comment breaks run
  dd = 4
  eeeeeeeeee = [
  1,
  2,
  ]
  f = 5
}
