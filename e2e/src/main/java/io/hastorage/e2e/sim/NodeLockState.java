package io.hastorage.e2e.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The node lock of one simulated node (what flock(1) on the operator's lock file is on a real one),
 * held by an SSH session, plus an audit: every command that changes the node over SSH must come
 * from the session holding the lock, and each one that did not is recorded as a violation.
 */
public final class NodeLockState {

  private Object holder;
  private int acquisitions;
  private final List<String> violations = new ArrayList<>();

  public synchronized boolean tryAcquire(Object client) {
    if (holder != null) {
      return false;
    }
    holder = client;
    acquisitions++;
    return true;
  }

  public synchronized void release(Object client) {
    if (holder == client) {
      holder = null;
    }
  }

  synchronized void audit(Object client, String commandLine) {
    if (holder != client) {
      violations.add(
          (holder == null ? "no lock held: " : "lock held by another session: ") + commandLine);
    }
  }

  public synchronized boolean held() {
    return holder != null;
  }

  /** How often a session took the lock. */
  public synchronized int acquisitions() {
    return acquisitions;
  }

  /** Changing commands that came over SSH without their session holding the lock. */
  public synchronized List<String> violations() {
    return List.copyOf(violations);
  }

  synchronized Optional<Object> holder() {
    return Optional.ofNullable(holder);
  }
}
