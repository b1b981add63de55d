package dev.meshkit.bootstrap;

import dev.meshkit.engine.MeshRuntime;
import java.util.List;

/**
 * Where a reload compares the version serving with the new one for broken product contracts,
 * before the new one may replace it. A problem refuses the change, as any other would.
 */
final class ContractCheck {

  private ContractCheck() {
  }

  /**
   * The contract problems of replacing {@code serving} with {@code next}, one sentence each; empty
   * when the change may go ahead. Both are loaded and validated, so products' columns are known.
   */
  static List<String> problems(MeshRuntime serving, MeshRuntime next) {
    // Versioned product contracts (issue 14, part 4) are compared here.
    return List.of();
  }
}
