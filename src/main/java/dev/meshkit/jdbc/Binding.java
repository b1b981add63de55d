package dev.meshkit.jdbc;

import dev.meshkit.engine.MeshRuntime;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One version of the mesh as connections use it: its runtime, the engine driver over it, and a
 * count of what still uses it. The count starts at one for being the current version; every engine
 * connection opened on it adds one until it closes. When a newer version replaces it and its last
 * engine connection closes (the last statement that started on it has ended), {@code retired}
 * runs, which closes what the newer version did not take over.
 */
final class Binding {

  final MeshRuntime runtime;
  final EngineDriver driver;
  private final AtomicInteger users = new AtomicInteger(1);
  private final Runnable retired;

  Binding(MeshRuntime runtime, Runnable retired) {
    this.runtime = runtime;
    this.driver = new EngineDriver(runtime.plans(), runtime.workers());
    this.retired = retired;
  }

  void acquire() {
    users.incrementAndGet();
  }

  void release() {
    if (users.decrementAndGet() == 0) {
      retired.run();
    }
  }

  /** Engine connections open on this version, plus one while it is the current version. */
  int users() {
    return users.get();
  }
}
