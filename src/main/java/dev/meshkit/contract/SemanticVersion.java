package dev.meshkit.contract;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A product's version, major.minor.patch; pre-release and build labels are kept for display but
 * do not count as a bump. A product that declares no version is {@code 0.0.0}.
 */
record SemanticVersion(int major, int minor, int patch, String text) {

  static final SemanticVersion NONE = new SemanticVersion(0, 0, 0, null);

  private static final Pattern CORE = Pattern.compile("(\\d+)\\.(\\d+)\\.(\\d+)(?:[-+].*)?");

  /** The version the descriptor gives; NONE for null or for text that is not a version. */
  static SemanticVersion parse(String text) {
    if (text == null) {
      return NONE;
    }
    Matcher m = CORE.matcher(text.strip());
    if (!m.matches()) {
      return NONE;
    }
    try {
      return new SemanticVersion(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
          Integer.parseInt(m.group(3)), text.strip());
    } catch (NumberFormatException e) {
      return NONE;
    }
  }

  /** What moving from this version to {@code next} bumps. */
  Bump bumpTo(SemanticVersion next) {
    int major = Integer.compare(next.major, this.major);
    int minor = Integer.compare(next.minor, this.minor);
    int patch = Integer.compare(next.patch, this.patch);
    int first = major != 0 ? major : minor != 0 ? minor : patch;
    if (first < 0) {
      return Bump.LOWERED;
    }
    return major > 0 ? Bump.MAJOR : minor > 0 ? Bump.MINOR : patch > 0 ? Bump.PATCH : Bump.NONE;
  }

  /** The smallest version above this one that makes {@code bump}. */
  SemanticVersion next(Bump bump) {
    return switch (bump) {
      case MAJOR -> new SemanticVersion(major + 1, 0, 0, (major + 1) + ".0.0");
      case MINOR -> new SemanticVersion(major, minor + 1, 0, major + "." + (minor + 1) + ".0");
      case PATCH -> new SemanticVersion(major, minor, patch + 1, major + "." + minor + "." + (patch + 1));
      default -> this;
    };
  }

  @Override
  public String toString() {
    return text == null ? "no version" : text;
  }
}
