package io.capstan.state;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.capstan.state.crypto.StateEnvelope;
import java.io.IOException;

/**
 * What a backend needs to know about a state snapshot without understanding it: lineage and
 * serial (for lost-update checks) and the number of resources (for history). Read with a
 * streaming parser from Terraform's v4 JSON, or from the clear header of an encrypted envelope.
 *
 * @param lineage the snapshot's lineage, "" when absent
 * @param serial the snapshot's serial, -1 when absent
 * @param resources length of the top-level {@code resources} array
 */
public record StateMeta(String lineage, long serial, int resources) {
  public static final StateMeta NONE = new StateMeta("", -1, 0);

  private static final JsonFactory JSON = new JsonFactory();

  public static StateMeta of(byte[] data) {
    return scan(data, true);
  }

  /**
   * Lineage and serial only, for a write's lost-update check: the scan stops as soon as both are
   * read, which in terraform's layout (version, terraform_version, serial, lineage, then outputs
   * and resources) is within the first hundred bytes, instead of tokenising the whole snapshot
   * (450 KB for 1,000 resources, megabytes with long dependency lists). {@code resources} is not
   * counted unless the array comes before them; a snapshot whose tail is not valid JSON is not
   * refused here (what reads it whole, a run's start, does).
   */
  public static StateMeta header(byte[] data) {
    return scan(data, false);
  }

  private static StateMeta scan(byte[] data, boolean whole) {
    if (data == null || data.length == 0) {
      return NONE;
    }
    if (StateEnvelope.isEncrypted(data)) {
      return StateEnvelope.meta(data);
    }
    String lineage = "";
    long serial = -1;
    int resources = 0;
    boolean lineageRead = false;
    boolean serialRead = false;
    try (JsonParser p = JSON.createParser(data)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new StateException("the stored state is not a JSON object");
      }
      while ((whole || !lineageRead || !serialRead) && p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken value = p.nextToken();
        switch (field) {
          case "lineage" -> {
            lineage = p.getValueAsString("");
            lineageRead = true;
          }
          case "serial" -> {
            serial = p.getValueAsLong(-1);
            serialRead = true;
          }
          case "resources" -> {
            if (value == JsonToken.START_ARRAY) {
              while (p.nextToken() != JsonToken.END_ARRAY) {
                resources++;
                p.skipChildren();
              }
            } else {
              p.skipChildren();
            }
          }
          default -> p.skipChildren();
        }
      }
    } catch (IOException e) {
      throw new StateException("the stored state is not valid JSON: " + e.getMessage(), e);
    }
    return new StateMeta(lineage, serial, resources);
  }

  public boolean present() {
    return serial >= 0 || !lineage.isEmpty();
  }
}
