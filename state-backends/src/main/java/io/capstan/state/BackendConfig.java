package io.capstan.state;

import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A backend's arguments as decoded from a {@code backend} block and {@code -backend-config}
 * (nested blocks flattened with dots: {@code endpoints.s3}), plus the environment for the
 * variables Terraform consults ({@code PG_CONN_STR}, {@code AWS_*}, ...). Accessors name the
 * argument in their errors. Capstan's own settings, which a Terraform backend block cannot hold,
 * use keys starting with {@code capstan.} ({@code capstan.history_limit}, {@code capstan.who}).
 */
public record BackendConfig(String type, Map<String, String> arguments, Map<String, String> environment) {
  public static final int DEFAULT_HISTORY_LIMIT = 10;

  public BackendConfig {
    Objects.requireNonNull(type, "type");
    arguments = Map.copyOf(arguments);
    environment = Map.copyOf(environment);
  }

  public static BackendConfig of(String type, Map<String, String> arguments) {
    return new BackendConfig(type, arguments, System.getenv());
  }

  public BackendConfig with(String argument, String value) {
    Map<String, String> copy = new LinkedHashMap<>(arguments);
    copy.put(argument, value);
    return new BackendConfig(type, copy, environment);
  }

  /** The argument, else the first set environment variable among {@code envVars}. */
  public Optional<String> optional(String argument, String... envVars) {
    String v = arguments.get(argument);
    if (v != null) {
      return Optional.of(v);
    }
    for (String e : envVars) {
      String ev = environment.get(e);
      if (ev != null && !ev.isEmpty()) {
        return Optional.of(ev);
      }
    }
    return Optional.empty();
  }

  public String string(String argument, String defaultValue, String... envVars) {
    return optional(argument, envVars).orElse(defaultValue);
  }

  public String required(String argument, String... envVars) {
    return optional(argument, envVars)
        .filter(s -> !s.isEmpty())
        .orElseThrow(() -> new BackendConfigException(argument, "The " + type + " backend requires the argument \""
            + argument + "\"" + (envVars.length > 0 ? " (or the environment variable " + String.join(" or ", envVars)
            + ")" : "") + "."));
  }

  /**
   * A list argument: a list written in the backend block arrives as JSON array text
   * ({@code endpoints = ["a", "b"]}); {@code -backend-config} and environment variables give
   * comma- or space-separated text. Empty when the argument is absent.
   */
  public java.util.List<String> list(String argument, String... envVars) {
    Optional<String> v = optional(argument, envVars);
    if (v.isEmpty()) {
      return java.util.List.of();
    }
    String text = v.get().strip();
    if (text.startsWith("[")) {
      try {
        com.fasterxml.jackson.databind.JsonNode n = new com.fasterxml.jackson.databind.ObjectMapper().readTree(text);
        java.util.List<String> out = new java.util.ArrayList<>();
        for (com.fasterxml.jackson.databind.JsonNode e : n) {
          if (!e.isTextual()) {
            throw new BackendConfigException(argument, "The " + type + " backend's \"" + argument
                + "\" must be a list of strings; element " + e + " is not a string.");
          }
          out.add(e.asText());
        }
        return out;
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        throw new BackendConfigException(argument, "The " + type + " backend's \"" + argument
            + "\" is neither a list nor comma-separated text: " + text);
      }
    }
    return java.util.Arrays.stream(text.split("[,\\s]+")).filter(s -> !s.isEmpty()).toList();
  }

  public boolean bool(String argument, boolean defaultValue, String... envVars) {
    Optional<String> v = optional(argument, envVars);
    if (v.isEmpty()) {
      return defaultValue;
    }
    return switch (v.get().trim().toLowerCase()) {
      case "true", "1" -> true;
      case "false", "0" -> false;
      default -> throw new BackendConfigException(argument, "Invalid value for \"" + argument + "\" in the " + type
          + " backend: \"" + v.get() + "\" is not a bool (true or false).");
    };
  }

  public long integer(String argument, long defaultValue, String... envVars) {
    Optional<String> v = optional(argument, envVars);
    try {
      return v.map(s -> Long.parseLong(s.trim())).orElse(defaultValue);
    } catch (NumberFormatException e) {
      throw new BackendConfigException(argument, "Invalid value for \"" + argument + "\" in the " + type
          + " backend: \"" + v.get() + "\" is not a whole number.");
    }
  }

  /** Go-style durations as Terraform accepts them: {@code 500ms}, {@code 30s}, {@code 5m}, {@code 1h}. */
  public Duration duration(String argument, Duration defaultValue, String... envVars) {
    Optional<String> v = optional(argument, envVars);
    if (v.isEmpty()) {
      return defaultValue;
    }
    try {
      return parseDuration(v.get());
    } catch (IllegalArgumentException e) {
      throw new BackendConfigException(argument, "Invalid value for \"" + argument + "\" in the " + type
          + " backend: \"" + v.get() + "\" is not a duration such as 30s or 5m.");
    }
  }

  public static Duration parseDuration(String s) {
    String t = s.trim();
    var m = java.util.regex.Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m|h)").matcher(t);
    Duration total = Duration.ZERO;
    int pos = 0;
    while (m.find() && m.start() == pos) {
      double n = Double.parseDouble(m.group(1));
      long millis = switch (m.group(2)) {
        case "ms" -> (long) n;
        case "s" -> (long) (n * 1000);
        case "m" -> (long) (n * 60_000);
        default -> (long) (n * 3_600_000);
      };
      total = total.plusMillis(millis);
      pos = m.end();
    }
    if (pos != t.length() || t.isEmpty()) {
      if (t.equals("0")) {
        return Duration.ZERO;
      }
      throw new IllegalArgumentException(s);
    }
    return total;
  }

  /** Refuses arguments this backend does not know, as Terraform does. */
  public void checkKnown(Collection<String> known) {
    Set<String> unknown = new TreeSet<>();
    for (String a : arguments.keySet()) {
      if (!a.startsWith("capstan.") && !known.contains(a)) {
        unknown.add(a);
      }
    }
    if (!unknown.isEmpty()) {
      String first = unknown.iterator().next();
      throw new BackendConfigException(first, "An argument named \"" + first + "\" is not expected here: the " + type
          + " backend accepts " + String.join(", ", new TreeSet<>(known)) + ".");
    }
  }

  /** How many versions history keeps per workspace ({@code capstan.history_limit}, env CAPSTAN_STATE_HISTORY_LIMIT). */
  public int historyLimit() {
    long n = integer("capstan.history_limit", DEFAULT_HISTORY_LIMIT, "CAPSTAN_STATE_HISTORY_LIMIT");
    if (n < 1) {
      throw new BackendConfigException("capstan.history_limit", "capstan.history_limit must be at least 1.");
    }
    return (int) n;
  }

  /** The writer recorded in history: {@code capstan.who}, else {@code user@host}. */
  public String who() {
    return string("capstan.who", System.getProperty("user.name", "unknown") + "@" + LockInfo.hostName());
  }
}
