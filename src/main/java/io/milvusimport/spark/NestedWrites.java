package io.milvusimport.spark;

import io.milvusimport.InvalidOptionException;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One-time tickets of the imports a save mode runs on the driver. {@code df.write().save()} must
 * reach the connector's {@code createRelation} for every mode (so the table Spark is handed does
 * not declare BATCH_WRITE); the append that mode then runs carries a ticket, and only a table with
 * a live ticket declares BATCH_WRITE, so the import itself stays the one DSv2 write with its commit
 * protocol. A ticket may also carry a step to run in the commit before the first import job (the
 * {@code recreate} overwrite).
 */
final class NestedWrites {
  private static final Runnable NOTHING = () -> {};
  private static final Map<String, Runnable> TICKETS = new ConcurrentHashMap<>();

  private NestedWrites() {}

  /** A new ticket; {@code beforeImport} runs in the write's commit, before any import job. */
  static String open(Runnable beforeImport) {
    String ticket = UUID.randomUUID().toString();
    TICKETS.put(ticket, beforeImport == null ? NOTHING : beforeImport);
    return ticket;
  }

  static void close(String ticket) {
    TICKETS.remove(ticket);
  }

  /** The ticket of {@code options}, or null; a ticket that is not live is refused. */
  static String ticket(Map<String, String> options) {
    for (Map.Entry<String, String> e : options.entrySet()) {
      if (e.getKey().equalsIgnoreCase(OptionKeys.NESTED_WRITE)) {
        if (!TICKETS.containsKey(e.getValue())) {
          throw new InvalidOptionException(
              "Option '"
                  + OptionKeys.NESTED_WRITE
                  + "' is set by milvus-import itself; remove it from the write's options.");
        }
        return e.getValue();
      }
    }
    return null;
  }

  /** The steps of the write with {@code options}: its ticket's step before the first import job. */
  static CommitSteps steps(Map<String, String> options) {
    String ticket = ticket(options);
    return CommitSteps.before(ticket == null ? NOTHING : TICKETS.getOrDefault(ticket, NOTHING));
  }
}
