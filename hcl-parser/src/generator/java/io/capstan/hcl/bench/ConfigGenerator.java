package io.capstan.hcl.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Generates a large, realistic Terraform configuration (resources with nested blocks,
 * interpolations, lists, maps, function calls, for expressions, heredocs and comments)
 * for parse-throughput benchmarks. Deterministic for a given size.
 *
 * <pre>java ConfigGenerator out.tf 10</pre> writes about 10 MB.
 */
public final class ConfigGenerator {
    private ConfigGenerator() {
    }

    public static String generate(long targetBytes) {
        StringBuilder sb = new StringBuilder((int) Math.min(Integer.MAX_VALUE - 16, targetBytes + 4096));
        sb.append("# Generated configuration for parser benchmarks\n\n");
        sb.append("variable \"region\" {\n  type    = string\n  default = \"eu-west-1\"\n}\n\n");
        int i = 0;
        while (sb.length() < targetBytes) {
            appendResource(sb, i++);
        }
        return sb.toString();
    }

    private static void appendResource(StringBuilder sb, int i) {
        sb.append("// instance number ").append(i).append('\n');
        sb.append("resource \"aws_instance\" \"web_").append(i).append("\" {\n");
        sb.append("  ami           = data.aws_ami.ubuntu.id\n");
        sb.append("  instance_type = var.large ? \"m5.xlarge\" : \"t3.micro\"\n");
        sb.append("  count         = length(var.subnets) > 2 ? 3 : 1\n");
        sb.append("  subnet_id     = aws_subnet.private[count.index % 3].id\n");
        sb.append("  user_data     = templatefile(\"${path.module}/init.sh\", { name = \"web-").append(i).append("\" })\n");
        sb.append("  ports         = [22, 80, 443, 8080 + ").append(i % 100).append("]\n");
        sb.append("  tags = {\n");
        sb.append("    Name        = \"web-${var.env}-").append(i).append("\"\n");
        sb.append("    Environment = var.env\n");
        sb.append("    \"cost:center\" = local.cost_centers[\"platform\"]\n");
        sb.append("  }\n");
        sb.append("  security_groups = [for sg in aws_security_group.web : sg.id if sg.name != \"default\"]\n");
        sb.append("  ids_by_name     = { for k, v in var.things : upper(k) => v.id... }\n");
        sb.append("  all_ips         = aws_instance.other[*].private_ip\n");
        sb.append("\n  root_block_device {\n");
        sb.append("    volume_size = 20 * 1.5\n");
        sb.append("    encrypted   = true && !var.unencrypted\n");
        sb.append("  }\n");
        if (i % 10 == 0) {
            sb.append("\n  provisioner \"remote-exec\" {\n    inline = [<<-EOT\n");
            sb.append("      echo \"hello ${self.id}\"\n");
            sb.append("      %{ for p in var.pkgs ~}\n      apt-get install ${p}\n      %{ endfor ~}\n");
            sb.append("    EOT\n    ]\n  }\n");
        }
        sb.append("  /* lifecycle settings */\n");
        sb.append("  lifecycle {\n    create_before_destroy = true\n    ignore_changes        = [tags[\"Updated\"], ami]\n  }\n");
        sb.append("}\n\n");
    }

    public static void main(String[] args) throws IOException {
        Path out = Path.of(args.length > 0 ? args[0] : "bench-config.tf");
        long mb = args.length > 1 ? Long.parseLong(args[1]) : 10;
        Files.writeString(out, generate(mb * 1024 * 1024), StandardCharsets.UTF_8);
    }
}
