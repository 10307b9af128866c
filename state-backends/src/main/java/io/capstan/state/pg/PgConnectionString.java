package io.capstan.state.pg;

import io.capstan.state.BackendConfigException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * Turns Terraform's {@code conn_str} (a libpq URL {@code postgres://user:pass@host:port/db?sslmode=...}
 * or a {@code key=value} string) into a JDBC URL and connection properties. The libpq
 * environment variables ({@code PGUSER}, {@code PGPASSWORD}, {@code PGHOST}, ...) fill what the
 * string leaves out, as lib/pq does for Terraform.
 */
record PgConnectionString(String jdbcUrl, Properties properties) {

  static PgConnectionString parse(String connStr, Map<String, String> env) {
    Map<String, String> kv = new LinkedHashMap<>();
    String s = connStr.trim();
    if (s.startsWith("postgres://") || s.startsWith("postgresql://")) {
      URI u;
      try {
        u = URI.create(s);
      } catch (IllegalArgumentException e) {
        throw new BackendConfigException("conn_str", "conn_str is not a valid postgres:// URL: " + e.getMessage());
      }
      if (u.getHost() != null) {
        kv.put("host", u.getHost());
      }
      if (u.getPort() > 0) {
        kv.put("port", Integer.toString(u.getPort()));
      }
      if (u.getRawUserInfo() != null) {
        String[] up = u.getRawUserInfo().split(":", 2);
        kv.put("user", decode(up[0]));
        if (up.length > 1) {
          kv.put("password", decode(up[1]));
        }
      }
      if (u.getPath() != null && u.getPath().length() > 1) {
        kv.put("dbname", decode(u.getPath().substring(1)));
      }
      if (u.getRawQuery() != null) {
        for (String pair : u.getRawQuery().split("&")) {
          String[] p = pair.split("=", 2);
          kv.put(decode(p[0]), p.length > 1 ? decode(p[1]) : "");
        }
      }
    } else {
      for (String pair : s.split("\\s+")) {
        if (pair.isEmpty()) {
          continue;
        }
        String[] p = pair.split("=", 2);
        if (p.length != 2) {
          throw new BackendConfigException("conn_str", "conn_str is neither a postgres:// URL nor key=value pairs: \""
              + pair + "\"");
        }
        kv.put(p[0], p[1].replaceAll("^'(.*)'$", "$1"));
      }
    }
    fill(kv, "host", env, "PGHOST", "localhost");
    fill(kv, "port", env, "PGPORT", "5432");
    fill(kv, "user", env, "PGUSER", System.getProperty("user.name"));
    fill(kv, "password", env, "PGPASSWORD", null);
    fill(kv, "dbname", env, "PGDATABASE", kv.get("user"));
    fill(kv, "sslmode", env, "PGSSLMODE", null);
    Properties props = new Properties();
    props.setProperty("user", kv.get("user"));
    if (kv.get("password") != null) {
      props.setProperty("password", kv.get("password"));
    }
    if (kv.get("sslmode") != null) {
      props.setProperty("sslmode", kv.get("sslmode"));
    }
    if (kv.get("connect_timeout") != null) {
      props.setProperty("connectTimeout", kv.get("connect_timeout"));
    }
    props.setProperty("ApplicationName", "capstan");
    String host = kv.get("host");
    if (host.contains(":") && !host.startsWith("[")) {
      host = "[" + host + "]";
    }
    return new PgConnectionString("jdbc:postgresql://" + host + ":" + kv.get("port") + "/" + kv.get("dbname"), props);
  }

  private static void fill(Map<String, String> kv, String key, Map<String, String> env, String var, String dflt) {
    if (kv.get(key) == null || kv.get(key).isEmpty()) {
      String v = env.get(var);
      if (v != null && !v.isEmpty()) {
        kv.put(key, v);
      } else if (dflt != null) {
        kv.put(key, dflt);
      }
    }
  }

  private static String decode(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }
}
