package io.hastorage.operator.apply;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One lock per node, shared by all reconcilers of this process, so two resources never interleave
 * their changes on the same machine. Waiting is bounded: a busy node is retried on the next
 * reconcile instead of blocking a reconciler thread.
 */
public final class NodeLocks {

  private final ConcurrentHashMap<String, ReentrantLock> locks = new ConcurrentHashMap<>();
  private final Duration maxWait;

  public NodeLocks(Duration maxWait) {
    this.maxWait = maxWait;
  }

  /** The held lock, to be released with {@link AutoCloseable#close}, or empty when busy. */
  public Optional<AutoCloseable> tryLock(String node) throws InterruptedException {
    ReentrantLock lock = locks.computeIfAbsent(node, n -> new ReentrantLock());
    if (!lock.tryLock(maxWait.toMillis(), TimeUnit.MILLISECONDS)) {
      return Optional.empty();
    }
    return Optional.of(lock::unlock);
  }
}
