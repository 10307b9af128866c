package io.capstan.state.s3;

import io.capstan.state.LockHeldException;
import io.capstan.state.LockInfo;
import io.capstan.state.StateException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;

/**
 * The DynamoDB table of Terraform's s3 backend ({@code dynamodb_table}), used as Terraform 1.11
 * uses it, so that both tools honour one lock and one digest:
 * <ul>
 *   <li>the lock is the item {@code LockID = "BUCKET/KEY"} whose {@code Info} is the lock info
 *       JSON, created with {@code attribute_not_exists(LockID)};</li>
 *   <li>after each state write the item {@code LockID = "BUCKET/KEY-md5"} holds {@code Digest},
 *       the state's MD5 in hex, which a reader compares with what it read from S3.</li>
 * </ul>
 * Error texts are those of Terraform's s3 backend (client.go) and of the Go SDK's operation
 * errors, so a user sees the same message whichever tool met the problem.
 */
final class DynamoDbTable implements AutoCloseable {
  /** Terraform's suffix of the digest item's LockID. */
  static final String DIGEST_SUFFIX = "-md5";

  private final DynamoDbClient client;
  private final String table;

  DynamoDbTable(DynamoDbClient client, String table) {
    this.client = client;
    this.table = table;
  }

  String table() {
    return table;
  }

  /** Takes the lock item or throws {@link LockHeldException} with the holder's info, as Terraform's lockWithDynamoDB. */
  void lock(String lockPath, LockInfo info) {
    try {
      client.putItem(p -> p.tableName(table)
          .item(Map.of("LockID", AttributeValue.fromS(lockPath),
              "Info", AttributeValue.fromS(new String(info.toJson(), java.nio.charset.StandardCharsets.UTF_8))))
          .conditionExpression("attribute_not_exists(LockID)"));
    } catch (DynamoDbException e) {
      String reason = operationError("PutItem", e);
      LockInfo holder = null;
      try {
        holder = lockInfo(lockPath);
      } catch (StateException infoError) {
        reason = reason + "\n" + infoError.getMessage(); // Terraform joins both errors
      }
      boolean stale = holder != null && holder.holderGoneOnThisHost();
      throw new LockHeldException(reason, holder, stale);
    } catch (SdkException e) {
      throw new StateException("cannot lock " + lockPath + " in DynamoDB table \"" + table + "\": " + e.getMessage(), e);
    }
  }

  /**
   * Deletes the lock item when its ID is {@code id}; the error texts are Terraform's
   * unlockWithDynamoDB's. The holder's info (when readable) comes with a mismatch, as in
   * Terraform's LockError.
   */
  void unlock(String lockPath, String id) {
    LockInfo current;
    try {
      current = lockInfo(lockPath);
    } catch (StateException e) {
      throw new UnlockException("failed to retrieve lock info for lock ID \"" + id + "\": " + e.getMessage(), null);
    }
    if (!current.id().equals(id)) {
      throw new UnlockException("lock ID \"" + id + "\" does not match existing lock (\"" + current.id() + "\")", current);
    }
    try {
      client.deleteItem(d -> d.tableName(table).key(Map.of("LockID", AttributeValue.fromS(lockPath))));
    } catch (SdkException e) {
      throw new UnlockException(e instanceof DynamoDbException d ? operationError("DeleteItem", d) : e.getMessage(),
          current);
    }
  }

  /**
   * The lock item's info; a missing item or one without {@code Info} is Go's JSON error for empty
   * input, as Terraform's getLockInfoWithDynamoDB reports it.
   */
  LockInfo lockInfo(String lockPath) {
    String info = item(lockPath, "LockID, Info").map(i -> i.get("Info")).map(AttributeValue::s).orElse("");
    if (info.isEmpty()) {
      throw new StateException("unexpected end of JSON input");
    }
    return LockInfo.fromJson(info);
  }

  /** The holder, or empty when there is no lock item. */
  Optional<LockInfo> holder(String lockPath) {
    Optional<String> info = item(lockPath, "LockID, Info").map(i -> i.get("Info")).map(AttributeValue::s);
    return info.filter(s -> !s.isEmpty()).map(LockInfo::fromJson);
  }

  /**
   * The stored digest, or empty when there is none or it is not a valid MD5 (Terraform then skips
   * the check with a logged warning, as it does when the table cannot be read).
   */
  Optional<byte[]> digest(String lockPath) {
    Optional<String> hex;
    try {
      hex = item(lockPath + DIGEST_SUFFIX, "LockID, Digest").map(i -> i.get("Digest")).map(AttributeValue::s);
    } catch (StateException e) {
      return Optional.empty();
    }
    try {
      return hex.map(HexFormat.of()::parseHex).filter(b -> b.length == 16);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** Records the digest of the state just written; like Terraform, a failure here is not an error. */
  void putDigest(String lockPath, byte[] md5) {
    try {
      client.putItem(p -> p.tableName(table).item(Map.of("LockID", AttributeValue.fromS(lockPath + DIGEST_SUFFIX),
          "Digest", AttributeValue.fromS(HexFormat.of().formatHex(md5)))));
    } catch (SdkException e) {
      // Terraform logs "[WARN] failed to record state serial in dynamodb" and carries on
    }
  }

  /** Removes the digest of a deleted state (Terraform logs a failure and carries on). */
  void deleteDigest(String lockPath) {
    try {
      client.deleteItem(d -> d.tableName(table).key(Map.of("LockID", AttributeValue.fromS(lockPath + DIGEST_SUFFIX))));
    } catch (SdkException e) {
      // as Terraform: logged, the workspace is deleted all the same
    }
  }

  private Optional<Map<String, AttributeValue>> item(String lockId, String projection) {
    try {
      GetItemResponse r = client.getItem(g -> g.tableName(table).consistentRead(true)
          .key(Map.of("LockID", AttributeValue.fromS(lockId))).projectionExpression(projection));
      return r.hasItem() && !r.item().isEmpty() ? Optional.of(r.item()) : Optional.empty();
    } catch (DynamoDbException e) {
      throw new StateException("Unable to retrieve item from DynamoDB table \"" + table + "\": "
          + operationError("GetItem", e), e);
    } catch (SdkException e) {
      throw new StateException("Unable to retrieve item from DynamoDB table \"" + table + "\": " + e.getMessage(), e);
    }
  }

  /** The Go SDK's text for a failed call: {@code operation error DynamoDB: PutItem, https response error ...}. */
  static String operationError(String operation, DynamoDbException e) {
    String code = e.awsErrorDetails() != null ? e.awsErrorDetails().errorCode() : null;
    String message = e.awsErrorDetails() != null ? e.awsErrorDetails().errorMessage() : e.getMessage();
    return "operation error DynamoDB: " + operation + ", https response error StatusCode: " + e.statusCode()
        + ", RequestID: " + (e.requestId() == null ? "" : e.requestId()) + ", "
        + (code == null ? "" : code + ": ") + message;
  }

  /** An unlock refused by the table, with the current holder when known (Terraform's LockError). */
  static final class UnlockException extends StateException {
    private final transient LockInfo holder;

    UnlockException(String message, LockInfo holder) {
      super(message);
      this.holder = holder;
    }

    LockInfo holder() {
      return holder;
    }
  }

  @Override
  public void close() {
    client.close();
  }
}
