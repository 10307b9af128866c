package io.capstan.state.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.capstan.state.BackendConfigException;
import io.capstan.state.StateException;
import io.capstan.state.StateMeta;
import io.capstan.state.States;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StateEncryptionTest {

  @Test
  void keyFromEnvironmentOrFileAndOldKeysForReading(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("old.key"), "the old one\n");
    Map<String, String> env = Map.of("CAPSTAN_STATE_KEY", "the new one");
    StateEncryption old = StateEncryption.fromSettings(Map.of("key_file", dir.resolve("old.key").toString(),
        "iterations", "10000"), env);
    byte[] plain = States.state("lin", 3, "db");
    byte[] sealed = old.encrypt(plain);
    StateEncryption rotated = StateEncryption.fromSettings(Map.of("passphrase_env", "CAPSTAN_STATE_KEY",
        "old_key_files", dir.resolve("old.key").toString(), "iterations", "10000"), env);
    assertThat(rotated.decrypt(sealed)).isEqualTo(plain);
    assertThat(rotated.decrypt(plain)).isEqualTo(plain); // unencrypted state stays readable
    assertThatThrownBy(() -> StateEncryption.fromSettings(Map.of("passphrase_env", "NOT_SET"), env))
        .isInstanceOf(BackendConfigException.class).hasMessageContaining("NOT_SET");
  }

  @Test
  void terraformCannotMistakeTheEnvelopeForState() {
    byte[] sealed = new StateEncryption(java.util.List.of("k"), 10_000).encrypt(States.state("lin", 3, "db"));
    assertThat(new String(sealed, 0, 26, java.nio.charset.StandardCharsets.US_ASCII))
        .isEqualTo("CAPSTAN-ENCRYPTED-STATE/1 ");
    assertThatThrownBy(() -> new ObjectMapper().readTree(sealed)).isInstanceOf(Exception.class);
    assertThat(StateMeta.of(sealed)).isEqualTo(new StateMeta("lin", 3, 1));
  }

  @Test
  void tamperingWithTheClearHeaderIsDetected() {
    StateEncryption enc = new StateEncryption(java.util.List.of("k"), 10_000);
    String sealed = new String(enc.encrypt(States.state("lin", 3, "db")), java.nio.charset.StandardCharsets.UTF_8);
    byte[] forged = sealed.replace("\"serial\":3", "\"serial\":9").getBytes(java.nio.charset.StandardCharsets.UTF_8);
    assertThatThrownBy(() -> enc.decrypt(forged)).isInstanceOf(StateException.class);
  }
}
