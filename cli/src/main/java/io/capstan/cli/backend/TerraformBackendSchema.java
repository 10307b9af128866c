package io.capstan.cli.backend;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.capstan.hcl.body.Attribute;
import io.capstan.hcl.body.Body;
import io.capstan.hcl.body.SyntaxBody;
import io.capstan.hcl.diag.Result;
import io.capstan.hcl.eval.EvalContext;
import io.capstan.hcl.eval.Evaluator;
import io.capstan.hcl.value.BigNumber;
import io.capstan.hcl.value.Convert;
import io.capstan.hcl.value.CtyHash;
import io.capstan.hcl.value.MapType;
import io.capstan.hcl.value.ObjectType;
import io.capstan.hcl.value.SetType;
import io.capstan.hcl.value.Type;
import io.capstan.hcl.value.Value;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The configuration schemas of Terraform 1.11's backends that Capstan shares with it (local,
 * s3, pg, http), and the two things Terraform derives from them for the working directory's
 * {@code .terraform/terraform.tfstate}: the block's {@code hash} and the {@code config} object.
 *
 * <p>The hash is Terraform's {@code configs.Backend.Hash}: the block decoded against the schema
 * with every attribute optional (an argument left to {@code -backend-config} is null), then
 * cty's {@code Hash} of the tuple {@code [type, value]}. The {@code config} is the merged
 * configuration (block and {@code -backend-config}) as cty's JSON of the schema's type: every
 * attribute present, null when unset. With both equal to Terraform's, either tool can run in a
 * directory the other initialised without being asked to initialise again.
 *
 * <p>Capstan-only backends (etcd) have no Terraform schema: {@link #of} is empty for them.
 */
public final class TerraformBackendSchema {
  private static final Type SET_OF_STRING = new SetType(Type.STRING);
  private static final Type MAP_OF_STRING = new MapType(Type.STRING);

  private final String type;
  private final ObjectType schema;

  private TerraformBackendSchema(String type, ObjectType schema) {
    this.type = type;
    this.schema = schema;
  }

  /** The schema of Terraform's backend {@code type}, if Terraform 1.11 has that backend. */
  public static Optional<TerraformBackendSchema> of(String type) {
    ObjectType s = switch (type) {
      case "local" -> object(Map.of("path", Type.STRING, "workspace_dir", Type.STRING), Set.of());
      case "pg" -> object(Map.of("conn_str", Type.STRING, "schema_name", Type.STRING,
          "skip_schema_creation", Type.BOOL, "skip_table_creation", Type.BOOL, "skip_index_creation", Type.BOOL),
          Set.of());
      case "http" -> http();
      case "s3" -> s3();
      default -> null;
    };
    return Optional.ofNullable(s).map(o -> new TerraformBackendSchema(type, o));
  }

  /**
   * Terraform's hash of a backend block of {@code type}; for a backend Terraform does not have,
   * Capstan's own hash of the block's arguments.
   */
  public static long hash(String type, Body block) {
    return of(type).map(s -> s.hash(block)).orElseGet(() -> BackendSettings.hash(type, BackendBlock.arguments(block)));
  }

  /**
   * Whether two sets of arguments (flattened as {@link BackendBlock} flattens them) configure the
   * same backend as terraform's {@code backendConfigNeedsMigration} decides it: by the values
   * decoded against the backend's schema, so a set is the same in any order and with repeats, and a
   * number or bool the same however it was written. For a backend Terraform does not have, the
   * arguments' text is compared.
   */
  public static boolean sameArguments(String type, Map<String, String> a, Map<String, String> b) {
    return of(type).map(s -> typed(s.config(a)).equals(typed(s.config(b)))).orElseGet(() -> a.equals(b));
  }

  /** {@code n} with every number in one form (its scale dropped), so that equal numbers compare equal. */
  private static JsonNode typed(JsonNode n) {
    if (n.isNumber()) {
      return JsonNodeFactory.instance.numberNode(n.decimalValue().stripTrailingZeros());
    }
    if (n.isObject()) {
      ObjectNode o = JsonNodeFactory.instance.objectNode();
      n.fields().forEachRemaining(e -> o.set(e.getKey(), typed(e.getValue())));
      return o;
    }
    if (n.isArray()) {
      ArrayNode a = JsonNodeFactory.instance.arrayNode();
      n.forEach(e -> a.add(typed(e)));
      return a;
    }
    return n;
  }

  /** {@code configs.Backend.Hash}: cty's hash of {@code [type, decoded block]}. */
  long hash(Body block) {
    return CtyHash.of(Value.tuple(List.of(Value.of(type), decode(block))));
  }

  /**
   * The block decoded as hcldec decodes it against the schema with no attribute required:
   * arguments the schema does not have are left out (Terraform reports them elsewhere), a value
   * that does not convert to its attribute's type is unknown, as hcldec makes it.
   */
  Value decode(Body block) {
    Map<String, Value> attrs = new TreeMap<>();
    schema.attributes().forEach((name, t) -> attrs.put(name, Value.nullOf(t)));
    Collection<Attribute> written;
    if (block instanceof SyntaxBody sb) {
      written = sb.attributes();
    } else {
      Result<Map<String, Attribute>> r = block.justAttributes();
      written = r.value() == null ? List.of() : r.value().values();
    }
    for (Attribute a : written) {
      Type t = schema.attribute(a.name());
      if (t == null) {
        continue;
      }
      Value v = Value.unknown(t);
      if (a.expr().variables().isEmpty()) {
        Result<Value> r = Evaluator.evaluate(a.expr(), EvalContext.standard(Map.of(), Path.of(".")));
        if (!r.hasErrors() && r.value() != null) {
          try {
            v = Convert.convert(r.value(), t);
          } catch (RuntimeException notConvertible) {
            v = Value.unknown(t);
          }
        }
      }
      attrs.put(a.name(), v);
    }
    return Value.object(attrs);
  }

  /**
   * The {@code config} object Terraform writes for these merged arguments (flattened as
   * {@link BackendBlock} flattens them: {@code endpoints.s3}): cty's JSON of the schema's type,
   * attributes in name order, unset ones null. Arguments the schema does not have are kept
   * after them, as text, so that nothing Capstan was given is lost.
   */
  ObjectNode config(Map<String, String> arguments) {
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    Set<String> used = new TreeSet<>();
    schema.attributes().forEach((name, t) -> out.set(name, json(name, t, arguments, used)));
    arguments.forEach((k, v) -> {
      if (!used.contains(k)) {
        out.put(k, v);
      }
    });
    return out;
  }

  private static JsonNode json(String key, Type t, Map<String, String> args, Set<String> used) {
    JsonNodeFactory f = JsonNodeFactory.instance;
    if (t instanceof ObjectType o) {
      String prefix = key + ".";
      boolean any = args.keySet().stream().anyMatch(k -> k.startsWith(prefix));
      if (!any) {
        return f.nullNode();
      }
      ObjectNode n = f.objectNode();
      o.attributes().forEach((name, at) -> n.set(name, json(prefix + name, at, args, used)));
      return n;
    }
    String text = args.get(key);
    if (text == null) {
      return f.nullNode();
    }
    used.add(key);
    if (t == Type.BOOL && (text.equals("true") || text.equals("false"))) {
      return f.booleanNode(Boolean.parseBoolean(text));
    }
    if (t == Type.NUMBER) {
      try {
        return f.numberNode(new java.math.BigDecimal(text.strip()));
      } catch (NumberFormatException notANumber) {
        return f.textNode(text);
      }
    }
    if (t == SET_OF_STRING) {
      TreeSet<String> elems = new TreeSet<>(io.capstan.hcl.value.GoFormat::compareStrings);
      elems.addAll(listItems(text));
      ArrayNode a = f.arrayNode();
      elems.forEach(a::add);
      return a;
    }
    if (t == MAP_OF_STRING || t instanceof MapType) {
      try {
        JsonNode m = new ObjectMapper().readTree(text);
        if (m.isObject()) {
          return m;
        }
      } catch (java.io.IOException notJson) {
        // kept as text below
      }
    }
    return f.textNode(text);
  }

  /** A list argument's items: JSON array text from the block, comma-separated text otherwise. */
  private static List<String> listItems(String text) {
    String s = text.strip();
    List<String> out = new ArrayList<>();
    if (s.startsWith("[")) {
      try {
        for (JsonNode e : new ObjectMapper().readTree(s)) {
          out.add(e.asText());
        }
        return out;
      } catch (java.io.IOException notJson) {
        // fall through to the plain list
      }
    }
    for (String part : s.split(",")) {
      if (!part.isBlank()) {
        out.add(part.strip());
      }
    }
    return out;
  }

  private static ObjectType object(Map<String, Type> attrs, Set<String> required) {
    Set<String> optional = new TreeSet<>(attrs.keySet());
    optional.removeAll(required);
    return new ObjectType(attrs, optional);
  }

  private static ObjectType http() {
    Map<String, Type> a = new LinkedHashMap<>();
    for (String s : List.of("address", "update_method", "lock_address", "unlock_address", "lock_method",
        "unlock_method", "username", "password", "client_ca_certificate_pem", "client_certificate_pem",
        "client_private_key_pem")) {
      a.put(s, Type.STRING);
    }
    a.put("skip_cert_verification", Type.BOOL);
    for (String n : List.of("retry_max", "retry_wait_min", "retry_wait_max")) {
      a.put(n, Type.NUMBER);
    }
    return object(a, Set.of());
  }

  /** Terraform 1.11.4's internal/backend/remote-state/s3 ConfigSchema (nested attributes as object types). */
  private static ObjectType s3() {
    Map<String, Type> a = new LinkedHashMap<>();
    for (String s : List.of("bucket", "key", "region", "dynamodb_endpoint", "ec2_metadata_service_endpoint",
        "ec2_metadata_service_endpoint_mode", "endpoint", "iam_endpoint", "sts_endpoint", "sts_region", "acl",
        "access_key", "secret_key", "kms_key_id", "dynamodb_table", "profile", "retry_mode",
        "shared_credentials_file", "token", "sse_customer_key", "workspace_key_prefix", "custom_ca_bundle",
        "http_proxy", "https_proxy", "no_proxy")) {
      a.put(s, Type.STRING);
    }
    for (String s : List.of("allowed_account_ids", "forbidden_account_ids", "shared_config_files",
        "shared_credentials_files")) {
      a.put(s, SET_OF_STRING);
    }
    for (String b : List.of("encrypt", "use_lockfile", "skip_credentials_validation", "skip_requesting_account_id",
        "skip_metadata_api_check", "skip_region_validation", "skip_s3_checksum", "force_path_style",
        "use_path_style", "insecure", "use_fips_endpoint", "use_dualstack_endpoint")) {
      a.put(b, Type.BOOL);
    }
    a.put("max_retries", Type.NUMBER);
    a.put("endpoints", object(Map.of("dynamodb", Type.STRING, "iam", Type.STRING, "s3", Type.STRING,
        "sso", Type.STRING, "sts", Type.STRING), Set.of()));
    Map<String, Type> role = new LinkedHashMap<>();
    for (String s : List.of("role_arn", "duration", "external_id", "policy", "session_name", "source_identity")) {
      role.put(s, Type.STRING);
    }
    role.put("policy_arns", SET_OF_STRING);
    role.put("tags", MAP_OF_STRING);
    role.put("transitive_tag_keys", SET_OF_STRING);
    a.put("assume_role", object(role, Set.of("role_arn")));
    Map<String, Type> web = new LinkedHashMap<>();
    for (String s : List.of("role_arn", "duration", "policy", "session_name", "web_identity_token",
        "web_identity_token_file")) {
      web.put(s, Type.STRING);
    }
    web.put("policy_arns", SET_OF_STRING);
    a.put("assume_role_with_web_identity", object(web, Set.of("role_arn")));
    return object(a, Set.of());
  }
}
