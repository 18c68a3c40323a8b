package io.milvusimport.testkit;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * Peak heap in use right after each garbage collection while a case runs, over the heap after a
 * full collection before it. Sampling the heap between collections would mostly measure garbage;
 * after a collection it is the live data plus old-generation garbage not yet collected, so the
 * figure is an upper bound for the whole JVM (all concurrently running tasks, not one). Used by the
 * staging benchmark and by {@code LargeTaskProbe}.
 */
public final class HeapWatch implements NotificationListener {
  private final Set<String> heapPools = new HashSet<>();
  private volatile long baseline;
  private volatile long peak;

  public HeapWatch() {
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        heapPools.add(pool.getName());
      }
    }
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      ((NotificationEmitter) gc).addNotificationListener(this, null, null);
    }
  }

  /** Collects, then takes the heap in use as the case's baseline. */
  public void begin() {
    System.gc();
    baseline = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    peak = baseline;
  }

  /** The heap in use after the collection of {@link #begin}, in bytes. */
  public long baseline() {
    return baseline;
  }

  /** Peak after-collection heap since {@link #begin}, in bytes. */
  public long peak() {
    return peak;
  }

  /** Peak after-collection heap over the baseline since {@link #begin}, in bytes. */
  public long peakOverBaseline() {
    return Math.max(0, peak - baseline);
  }

  @Override
  public void handleNotification(Notification notification, Object handback) {
    if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(
        notification.getType())) {
      return;
    }
    GarbageCollectionNotificationInfo info =
        GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
    long used = 0;
    for (Map.Entry<String, MemoryUsage> pool :
        info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
      if (heapPools.contains(pool.getKey())) {
        used += pool.getValue().getUsed();
      }
    }
    if (used > peak) {
      peak = used;
    }
  }
}
