package dev.meshkit.fuzz;

/**
 * What an oracle concluded about one query. A difference has a class, {@code kind} plus {@code key},
 * under which the report counts it and which the reducer keeps while it shrinks the query.
 */
record Verdict(Kind kind, String key, String detail) {

  enum Kind {
    AGREE("agree", false),
    BOTH_FAIL("both fail", false),
    KNOWN("known difference", false),
    WRONG_ANSWER("wrong answer", true),
    MESH_FAILS("mesh fails where the reference answers", true),
    REFERENCE_FAILS("mesh answers where the reference fails", true),
    JAVA_ERROR("a Java error left the driver", true),
    CONNECTION_LOST("the connection was unusable after a failure", true),
    TLP("ternary logic partitions disagree", true),
    NOREC("the non-optimizing plan disagrees (NoREC)", true);

    final String title;
    final boolean difference;

    Kind(String title, boolean difference) {
      this.title = title;
      this.difference = difference;
    }
  }

  static final Verdict AGREE = new Verdict(Kind.AGREE, "", "");

  static Verdict bothFail(String key) {
    return new Verdict(Kind.BOTH_FAIL, key, "");
  }

  /** The class: kind and key, what the reducer must keep. */
  String classKey() {
    return kind + ": " + key;
  }

  boolean difference() {
    return kind.difference;
  }
}
