package io.capstan.state.crypto;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.capstan.state.BackendConfigException;
import io.capstan.state.StateException;
import io.capstan.state.StateMeta;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encryption at rest for state and plan files: a 256-bit AES-GCM key derived from a passphrase
 * with PBKDF2-HMAC-SHA512 (random salt per process, stored in the envelope). The first
 * passphrase encrypts; the others are old keys still accepted for reading, which is how a key is
 * rotated: put the new passphrase first, keep the old one behind it until every state was
 * rewritten. Data that is not encrypted is returned as is, so turning encryption on needs no
 * migration step.
 */
public final class StateEncryption {
  public static final int DEFAULT_ITERATIONS = 210_000;
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final ObjectMapper JSON = new ObjectMapper();

  private final List<char[]> passphrases;
  private final int iterations;
  private final byte[] salt = new byte[16];
  private final Map<String, byte[]> derived = new ConcurrentHashMap<>();

  public StateEncryption(List<String> passphrases, int iterations) {
    Objects.requireNonNull(passphrases, "passphrases");
    if (passphrases.isEmpty() || passphrases.stream().anyMatch(p -> p == null || p.isEmpty())) {
      throw new BackendConfigException("encryption", "encryption needs a non-empty passphrase");
    }
    if (iterations < 10_000) {
      throw new BackendConfigException("encryption.iterations", "encryption.iterations must be at least 10000");
    }
    this.passphrases = passphrases.stream().map(String::toCharArray).toList();
    this.iterations = iterations;
    RANDOM.nextBytes(salt);
  }

  /**
   * From the {@code encryption} settings: {@code passphrase_env} (variable holding the passphrase)
   * or {@code key_file} (file holding it), {@code old_passphrase_envs} / {@code old_key_files}
   * (comma-separated, for reading only), {@code iterations}.
   */
  public static StateEncryption fromSettings(Map<String, String> settings, Map<String, String> env) {
    List<String> keys = new ArrayList<>();
    String envName = settings.get("passphrase_env");
    String file = settings.get("key_file");
    if (envName != null) {
      keys.add(fromEnv(envName, env, "passphrase_env"));
    } else if (file != null) {
      keys.add(fromFile(file, "key_file"));
    } else {
      throw new BackendConfigException("encryption", "the encryption setting needs passphrase_env or key_file");
    }
    for (String e : split(settings.get("old_passphrase_envs"))) {
      keys.add(fromEnv(e, env, "old_passphrase_envs"));
    }
    for (String f : split(settings.get("old_key_files"))) {
      keys.add(fromFile(f, "old_key_files"));
    }
    int iterations = DEFAULT_ITERATIONS;
    if (settings.containsKey("iterations")) {
      try {
        iterations = Integer.parseInt(settings.get("iterations").trim());
      } catch (NumberFormatException ex) {
        throw new BackendConfigException("encryption.iterations", "encryption.iterations must be a whole number");
      }
    }
    return new StateEncryption(keys, iterations);
  }

  public byte[] encrypt(byte[] plaintext) {
    if (StateEnvelope.isEncrypted(plaintext)) {
      return plaintext;
    }
    StateMeta meta = StateMeta.of(plaintext);
    byte[] iv = new byte[12];
    RANDOM.nextBytes(iv);
    ObjectNode h = JSON.createObjectNode();
    h.put("alg", "AES-256-GCM");
    h.put("kdf", "PBKDF2-HMAC-SHA512");
    h.put("iter", iterations);
    h.put("salt", Base64.getEncoder().encodeToString(salt));
    h.put("iv", Base64.getEncoder().encodeToString(iv));
    h.put("lineage", meta.lineage());
    h.put("serial", meta.serial());
    h.put("resources", meta.resources());
    byte[] headerLine = StateEnvelope.headerLine(h);
    try {
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key(0, salt, iterations), "AES"), new GCMParameterSpec(128, iv));
      c.updateAAD(headerLine);
      return new StateEnvelope(h, headerLine, c.doFinal(plaintext)).toBytes();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is not available", e);
    }
  }

  /** Plain data passes through; an envelope is opened with the current key or an old one. */
  public byte[] decrypt(byte[] data) {
    if (!StateEnvelope.isEncrypted(data)) {
      return data;
    }
    StateEnvelope env = StateEnvelope.parse(data);
    byte[] s = Base64.getDecoder().decode(env.header().path("salt").asText());
    byte[] iv = Base64.getDecoder().decode(env.header().path("iv").asText());
    int iter = env.header().path("iter").asInt(DEFAULT_ITERATIONS);
    for (int k = 0; k < passphrases.size(); k++) {
      try {
        Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
        c.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key(k, s, iter), "AES"), new GCMParameterSpec(128, iv));
        c.updateAAD(env.headerLine());
        return c.doFinal(env.ciphertext());
      } catch (AEADBadTagException wrongKey) {
        // try the next (older) key
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("AES-GCM is not available", e);
      }
    }
    throw new StateException("the state is encrypted with a key that is not configured (tried "
        + passphrases.size() + " key" + (passphrases.size() == 1 ? "" : "s")
        + "); add the old passphrase to the encryption setting to read it");
  }

  private byte[] key(int index, byte[] s, int iter) {
    String cacheKey = index + ":" + iter + ":" + Base64.getEncoder().encodeToString(s);
    return derived.computeIfAbsent(cacheKey, k -> {
      try {
        PBEKeySpec spec = new PBEKeySpec(passphrases.get(index), s, iter, 256);
        return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA512").generateSecret(spec).getEncoded();
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("PBKDF2WithHmacSHA512 is not available", e);
      }
    });
  }

  private static String fromEnv(String name, Map<String, String> env, String setting) {
    String v = env.get(name);
    if (v == null || v.isEmpty()) {
      throw new BackendConfigException("encryption." + setting,
          "the environment variable " + name + " named by encryption." + setting + " is not set");
    }
    return v;
  }

  private static String fromFile(String file, String setting) {
    try {
      String v = Files.readString(Path.of(file), StandardCharsets.UTF_8).strip();
      if (v.isEmpty()) {
        throw new BackendConfigException("encryption." + setting, "the key file " + file + " is empty");
      }
      return v;
    } catch (IOException e) {
      throw new BackendConfigException("encryption." + setting, "cannot read the key file " + file + ": " + e.getMessage());
    }
  }

  private static List<String> split(String s) {
    if (s == null || s.isBlank()) {
      return List.of();
    }
    return Arrays.stream(s.split(",")).map(String::strip).filter(x -> !x.isEmpty()).toList();
  }
}
