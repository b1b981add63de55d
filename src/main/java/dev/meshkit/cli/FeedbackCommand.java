package dev.meshkit.cli;

import dev.meshkit.Feedback;
import dev.meshkit.Mesh;
import dev.meshkit.MeshFeedback;
import dev.meshkit.Principal;
import java.sql.SQLException;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "feedback", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Rates a data product, reports a problem with it, resolves a problem, or lists its feedback.",
        "Whoever may read a product may rate it (1 to 5; rating again replaces the rating) and report problems;"
            + " members of its domain, and principals granted sys, resolve them. Feedback is kept in the mesh's"
            + " metadata store, so it shows in catalog.feedback and catalog.products, and beside a running"
            + " meshkit serve on the same descriptor."},
    footer = {"", "Examples:",
        "  meshkit feedback mesh.yaml --user ann sales.orders",
        "  meshkit feedback mesh.yaml --user ann sales.orders --rate 4 --comment \"Complete and fresh\"",
        "  meshkit feedback mesh.yaml --user ann sales.orders --problem \"Amounts of March are doubled\"",
        "  meshkit feedback mesh.yaml --user sam --resolve 12"})
final class FeedbackCommand extends MeshCommand {

  private static final String[] HEADER = {"id", "kind", "rating", "status", "principal", "created_at", "comment"};

  @Option(names = {"-u", "--user"}, required = true, paramLabel = "<name>",
      description = "The principal who gives, resolves or reads the feedback.")
  String user;

  @ArgGroup(exclusive = true)
  Action action;

  static final class Action {
    @Option(names = "--rate", paramLabel = "<1-5>", description = "Rate the product from 1 to 5.")
    Integer rating;

    @Option(names = "--problem", paramLabel = "<text>", description = "Report a problem with the product.")
    String problem;

    @Option(names = "--resolve", paramLabel = "<id>", description = "Mark the problem of this id resolved.")
    Long resolve;
  }

  @Option(names = "--comment", paramLabel = "<text>", description = "A comment with --rate.")
  String comment;

  @Parameters(index = "1", arity = "0..1", paramLabel = "<product>",
      description = "The product, as domain.product; not with --resolve.")
  String product;

  @Override
  public Integer call() throws SQLException {
    if (comment != null && (action == null || action.rating == null)) {
      throw usage("--comment goes with --rate");
    }
    boolean resolving = action != null && action.resolve != null;
    if (resolving == (product != null)) {
      throw usage(resolving ? "--resolve takes a problem id, not a product" : "Name a product, as domain.product");
    }
    try (Mesh mesh = loadMesh()) {
      Principal principal = principal(mesh, user);
      MeshFeedback feedback = mesh.feedback();
      try {
        if (action == null) {
          print(feedback.list(principal, product));
        } else if (action.rating != null) {
          Feedback rated = feedback.rate(principal, product, action.rating, comment);
          out().println("Rated " + rated.product() + " " + rated.rating() + " of 5 as " + user + " (feedback "
              + rated.id() + ").");
        } else if (action.problem != null) {
          Feedback reported = feedback.reportProblem(principal, product, action.problem);
          out().println("Reported problem " + reported.id() + " with " + reported.product() + "; it stays open until"
              + " a member of its domain resolves it.");
        } else {
          Feedback resolved = feedback.resolve(principal, action.resolve);
          out().println("Problem " + resolved.id() + " with " + resolved.product() + " is resolved (by "
              + resolved.resolvedBy() + ", " + resolved.resolvedAt() + ").");
        }
      } catch (IllegalArgumentException e) {
        throw usage(e.getMessage());
      }
      out().flush();
      return 0;
    }
  }

  private void print(List<Feedback> feedback) throws SQLException {
    Iterator<Feedback> rows = feedback.iterator();
    ResultPrinter.table(out(), HEADER, new boolean[] {true, false, true, false, false, false, false},
        () -> rows.hasNext() ? cells(rows.next()) : null);
    out().println(feedback.size() + (feedback.size() == 1 ? " piece" : " pieces") + " of feedback on " + product + ".");
  }

  private static String[] cells(Feedback f) {
    return new String[] {String.valueOf(f.id()), word(f.kind()), f.rating() == null ? "" : f.rating().toString(),
        f.status() == null ? "" : word(f.status()), ResultPrinter.cell(f.principal()), f.createdAt().toString(),
        ResultPrinter.cell(f.comment())};
  }

  private static String word(Enum<?> e) {
    return e.name().toLowerCase(Locale.ROOT);
  }
}
