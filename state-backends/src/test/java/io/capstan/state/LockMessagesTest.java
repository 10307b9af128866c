package io.capstan.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class LockMessagesTest {
  private static final LockInfo HOLDER = new LockInfo("8b5f1c2e-0000-4000-8000-000000000001", "OperationTypeApply", "",
      "alice@laptop", "1.11.4", Instant.parse("2026-11-27T08:00:01.5Z"), "terraform.tfstate", 4242, "laptop");

  @Test
  void liveHolderGetsTerraformsMessage() {
    LockHeldException e = new LockHeldException("resource temporarily unavailable", HOLDER, false);
    assertThat(LockMessages.SUMMARY).isEqualTo("Error acquiring the state lock");
    assertThat(LockMessages.detail(e)).isEqualTo("""
        Error message: resource temporarily unavailable
        Lock Info:
          ID:        8b5f1c2e-0000-4000-8000-000000000001
          Path:      terraform.tfstate
          Operation: OperationTypeApply
          Who:       alice@laptop
          Version:   1.11.4
          Created:   2026-11-27 08:00:01.5 +0000 UTC
          Info:     \s


        Terraform acquires a state lock to protect the state from being written
        by multiple users at the same time. Please resolve the issue above and try
        again. For most commands, you can disable locking with the "-lock=false"
        flag, but this is not recommended.""");
  }

  @Test
  void aHolderWithoutInfoGetsTerraformsMessageWithoutTheTable() {
    // terraform's local lock while the holder has not written its info: LockError's Err alone, one blank line
    LockHeldException e = new LockHeldException(
        "resource temporarily unavailable\nopen .terraform.tfstate.lock.info: no such file or directory", null, false);
    assertThat(LockMessages.detail(e)).isEqualTo("""
        Error message: resource temporarily unavailable
        open .terraform.tfstate.lock.info: no such file or directory

        Terraform acquires a state lock to protect the state from being written
        by multiple users at the same time. Please resolve the issue above and try
        again. For most commands, you can disable locking with the "-lock=false"
        flag, but this is not recommended.""");
  }

  @Test
  void staleHolderGetsTheExactForceUnlockCommand() {
    LockHeldException e = new LockHeldException("the lock was left behind by a process that is no longer running",
        HOLDER, true);
    assertThat(LockMessages.detail(e)).contains("""
        The process that holds this lock (PID 4242 on laptop) is no longer running, so the lock will not be released by itself.
        If no other operation is using this state, release the lock with:

          capstan force-unlock 8b5f1c2e-0000-4000-8000-000000000001
        """);
  }

  @Test
  void lockInfoJsonHasTerraformsFieldNames() {
    String json = new String(HOLDER.toJson(), java.nio.charset.StandardCharsets.UTF_8);
    assertThat(json).contains("\"ID\":\"8b5f1c2e-0000-4000-8000-000000000001\"", "\"Operation\":\"OperationTypeApply\"",
        "\"Who\":\"alice@laptop\"", "\"Version\":\"1.11.4\"", "\"Created\":\"2026-11-27T08:00:01.500Z\"",
        "\"Path\":\"terraform.tfstate\"", "\"Info\":\"\"");
    assertThat(LockInfo.fromJson(HOLDER.toJson())).isEqualTo(HOLDER);
    LockInfo terraforms = LockInfo.fromJson("{\"ID\":\"x\",\"Operation\":\"OperationTypePlan\",\"Info\":\"\","
        + "\"Who\":\"bob@ci\",\"Version\":\"1.11.4\",\"Created\":\"2026-11-27T08:00:01.123456789Z\",\"Path\":\"p\"}");
    assertThat(terraforms.pid()).isZero();
    assertThat(terraforms.holderGoneOnThisHost()).isFalse();
  }

  @Test
  void createdIsPrintedAsGoPrintsATime() {
    // time.Time's String(): up to nine fraction digits, trailing zeros cut, no fraction when zero
    assertThat(LockMessages.goTime(java.time.Instant.parse("2026-11-28T18:46:01.369792770Z")))
        .isEqualTo("2026-11-28 18:46:01.36979277 +0000 UTC");
    assertThat(LockMessages.goTime(java.time.Instant.parse("2026-11-28T18:46:01Z"))).isEqualTo("2026-11-28 18:46:01 +0000 UTC");
    assertThat(LockMessages.goTime(java.time.Instant.parse("2026-11-28T18:46:01.000000001Z")))
        .isEqualTo("2026-11-28 18:46:01.000000001 +0000 UTC");
  }
}
