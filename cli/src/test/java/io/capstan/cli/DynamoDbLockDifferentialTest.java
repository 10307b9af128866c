package io.capstan.cli;

import static io.capstan.cli.TeamStateTest.answer;
import static io.capstan.cli.TeamStateTest.capstan;
import static io.capstan.cli.TeamStateTest.ok;
import static io.capstan.cli.TeamStateTest.run;
import static io.capstan.cli.TeamStateTest.waitForOutput;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * terraform 1.11.4 and Capstan on one s3 state locked with {@code dynamodb_table} (s3proxy and
 * dynalite on loopback): each tool's lock item stops the other with terraform's "Error acquiring
 * the state lock" naming the holder, and a waiting command gets the lock once it is released;
 * the {@code -md5} digest one tool writes is the one the other checks; a digest that does not
 * match the state is refused by both with terraform's error; {@code force-unlock} by either tool
 * frees the other's lock, and its error for a lock that is not there is terraform's.
 */
class DynamoDbLockDifferentialTest {
  private static final String PATH = "tfstate/team/terraform.tfstate";

  private static String main(Map<String, String> s3, Map<String, String> dynamo, String tag) {
    StringBuilder b = new StringBuilder("terraform {\n  backend \"s3\" {\n");
    s3.forEach((k, v) -> {
      if (k.equals("endpoints.s3")) {
        b.append("    endpoints = {\n      s3       = \"").append(v).append("\"\n      dynamodb = \"")
            .append(dynamo.get("endpoints.dynamodb")).append("\"\n    }\n");
      } else if (!k.equals("use_lockfile")) {
        b.append("    ").append(k).append(" = ").append(v.equals("true") ? v : "\"" + v + "\"").append('\n');
      }
    });
    b.append("    dynamodb_table = \"").append(dynamo.get("dynamodb_table")).append("\"\n  }\n}\n\n");
    return b + "resource \"terraform_data\" \"a\" {\n  input = \"" + tag + "\"\n}\n";
  }

  private record Dirs(Path tf, Path cs, String tfBin) {}

  private static Dirs setUp(Path dir, RealServers.Server s3, RealServers.Server dynamo) throws Exception {
    String tfBin = TeamStateTest.terraformOrSkip("s3 with dynamodb_table");
    Path tf = Files.createDirectories(dir.resolve("tf"));
    Path cs = Files.createDirectories(dir.resolve("cs"));
    for (Path d : java.util.List.of(tf, cs)) {
      Files.writeString(d.resolve("main.tf"), main(s3.arguments(), dynamo.arguments(), "one"));
    }
    run(tf, "tf-init.log", 0, tfBin, "init", "-input=false", "-no-color");
    ok(cs, "init.log", "init", "-input=false");
    return new Dirs(tf, cs, tfBin);
  }

  private static void skipWithoutDynalite() {
    Optional<String> missing = RealServers.missing("dynamodb");
    if (missing.isPresent()) {
      System.out.println("SKIP: s3 with dynamodb_table: " + missing.get());
      Assumptions.abort(missing.get());
    }
  }

  private static String digest(DynamoDbClient client) {
    Map<String, AttributeValue> item = client.getItem(g -> g.tableName("locks").consistentRead(true)
        .key(Map.of("LockID", AttributeValue.fromS(PATH + "-md5")))).item();
    return item.containsKey("Digest") ? item.get("Digest").s() : null;
  }

  private static String md5(byte[] data) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(data));
  }

  /** The stored state's bytes, read by Capstan's s3 backend without the table (no digest check). */
  private static byte[] stored(RealServers.Server s3) {
    try (io.capstan.state.Backend b = io.capstan.state.Backends.open(
        new io.capstan.state.BackendConfig("s3", s3.arguments(), Map.of()))) {
      return b.read("default").orElseThrow();
    }
  }

  /**
   * The lock error as both tools print it, byte for byte (the "Error message:" paragraph wrapped at
   * 78 columns), the server's request id blanked (after wrapping: its length does not change).
   */
  private static String lockError(String out) {
    String last = "flag, but this is not recommended.\n";
    int start = out.indexOf("Error: Error acquiring the state lock");
    int end = out.indexOf(last, start);
    assertThat(start).as(out).isNotNegative();
    assertThat(end).as(out).isPositive();
    return out.substring(start, end + last.length()).replaceAll("RequestID:(\\s+)\\S+,", "RequestID:$1X,");
  }

  @Test
  void eachToolsLockStopsTheOtherAndEachAcceptsTheOthersDigest(@TempDir Path dir) throws Exception {
    skipWithoutDynalite();
    TeamStateTest.terraformOrSkip("s3 with dynamodb_table");
    try (RealServers.Server s3 = RealServers.start("s3"); RealServers.Server dynamo = RealServers.start("dynamodb");
        DynamoDbClient client = RealServers.dynamoClient(dynamo.arguments().get("endpoints.dynamodb"))) {
      Dirs d = setUp(dir, s3, dynamo);

      // terraform writes the state and its digest; capstan reads it (checking the digest) and plans no changes
      run(d.tf(), "tf-apply.log", 0, d.tfBin(), "apply", "-auto-approve", "-input=false", "-no-color");
      assertThat(digest(client)).isEqualTo(md5(stored(s3)));
      ok(d.cs(), "plan.log", "plan", "-detailed-exitcode");

      // capstan writes a new state and its digest; terraform checks it and plans no changes
      for (Path p : java.util.List.of(d.tf(), d.cs())) {
        Files.writeString(p.resolve("main.tf"), main(s3.arguments(), dynamo.arguments(), "two"));
      }
      assertThat(ok(d.cs(), "apply.log", "apply", "-auto-approve"))
          .contains("Apply complete! Resources: 0 added, 1 changed, 0 destroyed.");
      assertThat(digest(client)).isEqualTo(md5(stored(s3)));
      run(d.tf(), "tf-plan.log", 0, d.tfBin(), "plan", "-detailed-exitcode", "-input=false", "-no-color");

      // a capstan apply waiting for approval (of a change) holds the lock item against terraform
      for (Path p : java.util.List.of(d.tf(), d.cs())) {
        Files.writeString(p.resolve("main.tf"), main(s3.arguments(), dynamo.arguments(), "three"));
      }
      Process held = capstan(d.cs(), "held.log", "apply");
      try {
        waitForOutput(held, d.cs().resolve("held.log"), "Enter a value:");
        assertThat(held.isAlive()).as(Files.readString(d.cs().resolve("held.log"))).isTrue();
        Map<String, AttributeValue> lock = client.getItem(g -> g.tableName("locks").consistentRead(true)
            .key(Map.of("LockID", AttributeValue.fromS(PATH)))).item();
        assertThat(lock.get("Info").s()).contains("\"Operation\":\"OperationTypeApply\"", "\"Path\":\"" + PATH + "\"");
        run(d.tf(), "tf-locked.log", 1, d.tfBin(), "plan", "-lock-timeout=0s", "-input=false", "-no-color");
        String tfOut = Files.readString(d.tf().resolve("tf-locked.log"));
        assertThat(tfOut).contains("Error acquiring the state lock", "ConditionalCheckFailedException",
            "Path:      " + PATH, "Operation: OperationTypeApply");
      } finally {
        answer(held, "no");
      }

      // a terraform apply waiting for approval holds it against capstan: capstan's error is terraform's
      Process tfHeld = terraformAt(d, "tf-held.log", "apply", "-no-color");
      try {
        waitForOutput(tfHeld, d.tf().resolve("tf-held.log"), "Enter a value:");
        assertThat(tfHeld.isAlive()).as(Files.readString(d.tf().resolve("tf-held.log"))).isTrue();
        run(d.tf(), "tf-locked2.log", 1, d.tfBin(), "plan", "-lock-timeout=0s", "-input=false", "-no-color");
        Process locked = capstan(d.cs(), "locked.log", "plan", "-lock-timeout=0s");
        assertThat(locked.waitFor(300, TimeUnit.SECONDS)).isTrue();
        String out = Files.readString(d.cs().resolve("locked.log"));
        assertThat(locked.exitValue()).as(out).isEqualTo(1);
        assertThat(lockError(out)).isEqualTo(lockError(Files.readString(d.tf().resolve("tf-locked2.log"))));

        // a capstan plan that may wait gets the lock once terraform lets go of it
        Process waiting = capstan(d.cs(), "waiting.log", "plan", "-lock-timeout=240s");
        answer(tfHeld, "no");
        assertThat(waiting.waitFor(300, TimeUnit.SECONDS)).isTrue();
        assertThat(waiting.exitValue()).as(Files.readString(d.cs().resolve("waiting.log"))).isZero();
      } finally {
        answer(tfHeld, "no");
      }
    }
  }

  @Test
  void forceUnlockByEitherToolFreesTheOthersLockAndADigestMismatchIsRefusedByBoth(@TempDir Path dir)
      throws Exception {
    skipWithoutDynalite();
    TeamStateTest.terraformOrSkip("s3 with dynamodb_table");
    try (RealServers.Server s3 = RealServers.start("s3"); RealServers.Server dynamo = RealServers.start("dynamodb");
        DynamoDbClient client = RealServers.dynamoClient(dynamo.arguments().get("endpoints.dynamodb"))) {
      Dirs d = setUp(dir, s3, dynamo);
      run(d.tf(), "tf-apply.log", 0, d.tfBin(), "apply", "-auto-approve", "-input=false", "-no-color");
      for (Path p : java.util.List.of(d.tf(), d.cs())) {
        Files.writeString(p.resolve("main.tf"), main(s3.arguments(), dynamo.arguments(), "held"));
      }

      // a killed capstan apply leaves its lock item; terraform's force-unlock frees it
      String capstanId = killHolding(capstan(d.cs(), "victim.log", "apply"), d.cs().resolve("victim.log"), client);
      run(d.tf(), "tf-unlock.log", 0, d.tfBin(), "force-unlock", "-force", "-no-color", capstanId);
      assertThat(Files.readString(d.tf().resolve("tf-unlock.log"))).contains("Terraform state has been successfully unlocked!");
      // and a killed terraform apply leaves its own; capstan's force-unlock frees it
      String tfId = killHolding(terraformAt(d, "tf-victim.log", "apply", "-no-color"), d.tf().resolve("tf-victim.log"),
          client);
      assertThat(ok(d.cs(), "unlock.log", "force-unlock", "-force", tfId))
          .contains("Terraform state has been successfully unlocked!");
      assertThat(holder(client)).isNull();

      // nothing to unlock: the same error from both
      run(d.tf(), "tf-unlock2.log", 1, d.tfBin(), "force-unlock", "-force", "-no-color", tfId);
      Process again = capstan(d.cs(), "unlock2.log", "force-unlock", "-force", "-no-color", tfId);
      assertThat(again.waitFor(300, TimeUnit.SECONDS)).isTrue();
      assertThat(again.exitValue()).isEqualTo(1);
      String expected = "Failed to unlock state: failed to retrieve lock info for lock ID \"" + tfId
          + "\": unexpected end of JSON input\n";
      assertThat(Files.readString(d.tf().resolve("tf-unlock2.log"))).isEqualTo(expected);
      assertThat(Files.readString(d.cs().resolve("unlock2.log"))).endsWith(expected);

      // a digest that does not match the stored state: both retry, then refuse with the same error
      client.putItem(p -> p.tableName("locks").item(Map.of("LockID", AttributeValue.fromS(PATH + "-md5"),
          "Digest", AttributeValue.fromS("00112233445566778899aabbccddeeff"))));
      run(d.tf(), "tf-mismatch.log", 1, d.tfBin(), "plan", "-input=false", "-no-color");
      Process plan = capstan(d.cs(), "mismatch.log", "plan");
      assertThat(plan.waitFor(300, TimeUnit.SECONDS)).isTrue();
      assertThat(plan.exitValue()).isEqualTo(1);
      String tfOut = Files.readString(d.tf().resolve("tf-mismatch.log"));
      assertThat(tfOut).contains("Error: error loading state: state data in S3 does not have the expected content.",
          "Calculated checksum: " + md5(stored(s3)), "Stored checksum:     00112233445566778899aabbccddeeff");
      String csOut = Files.readString(d.cs().resolve("mismatch.log"));
      assertThat(csOut.substring(csOut.indexOf("\nError: "))).isEqualTo(tfOut.substring(tfOut.indexOf("\nError: ")));
    }
  }

  /** Waits until the apply asks for approval (holding the lock), kills it, and returns the lock ID it left. */
  private static String killHolding(Process p, Path log, DynamoDbClient client) throws Exception {
    waitForOutput(p, log, "Enter a value:");
    assertThat(p.isAlive()).as(Files.readString(log)).isTrue();
    p.destroyForcibly();
    p.waitFor();
    String id = holder(client);
    assertThat(id).as("the killed apply's lock item is still there").isNotNull();
    return id;
  }

  private static String holder(DynamoDbClient client) {
    Map<String, AttributeValue> item = client.getItem(g -> g.tableName("locks").consistentRead(true)
        .key(Map.of("LockID", AttributeValue.fromS(PATH)))).item();
    if (!item.containsKey("Info")) {
      return null;
    }
    Matcher m = Pattern.compile("\"ID\":\"([^\"]+)\"").matcher(item.get("Info").s());
    assertThat(m.find()).isTrue();
    return m.group(1);
  }

  private static Process terraformAt(Dirs d, String log, String... args) throws IOException {
    java.util.List<String> cmd = new java.util.ArrayList<>(java.util.List.of(d.tfBin()));
    cmd.addAll(java.util.List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(d.tf().toFile()).redirectErrorStream(true)
        .redirectOutput(d.tf().resolve(log).toFile());
    pb.environment().put("TF_CLI_CONFIG_FILE", "/dev/null");
    return pb.start();
  }

}
