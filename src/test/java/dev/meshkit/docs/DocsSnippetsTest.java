package dev.meshkit.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.meshkit.DescriptorSchema;
import dev.meshkit.Mesh;
import dev.meshkit.cli.MeshkitCommand;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.Writer;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.apache.calcite.sql.parser.SqlParser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/**
 * Every fenced code block in README.md and docs/**.md is compiled or run, so the docs cannot drift
 * from the code. Each block is checked by its language:
 *
 * <ul>
 *   <li>{@code java}: equals a snippet region of a Java file under src/test/java/dev/meshkit/docs
 *       or examples/src (the lines between {@code // snippet:NAME} and {@code // end:NAME}), or a
 *       whole file of examples/src. Both are compiled by the build, and the tests around the
 *       regions run them. Lines are compared without trailing whitespace and without the
 *       indentation they all share. Every region must be shown by some block.
 *   <li>{@code yaml}: parses. A whole descriptor ({@code name:} and {@code domains:} or {@code include:} at the top) is
 *       checked against the descriptor's JSON Schema and loaded as a mesh from a copy of examples/acme,
 *       so it may use that folder's seed script and
 *       CSV folder; any other mapping holds top-level descriptor keys ({@code principals:},
 *       {@code policies:}, {@code standards:}...) that replace those of the example mesh, which is
 *       then loaded. Every {@code ${VAR}} is given a value (of 41 bytes), and every product must be
 *       available.
 *   <li>{@code sql}: runs against the example mesh as its principal ann.
 *   <li>{@code sh}: each {@code meshkit} command (such as {@code target/meshkit query ...}) parses
 *       with the command line's own picocli model; {@code mvn} commands name existing classes in
 *       {@code -Dexec.mainClass} and {@code -Dtest}, and existing executions in {@code goal@id};
 *       other commands are not checked.
 *   <li>{@code xml}: is well-formed (several elements may follow each other), and a dependency on
 *       meshkit or on one of its own dependencies has the version pom.xml gives it.
 *   <li>{@code text}: output and other samples, not checked.
 * </ul>
 *
 * Any other language, or none, fails. An HTML comment on the line before a block tunes its check:
 * {@code <!-- fragment -->} checks only the syntax of a yaml or sql block that is a piece of
 * something larger; {@code <!-- from: PATH -->} requires the block to appear as consecutive lines
 * of that file, and a whole descriptor taken from a file is loaded from a copy of that file's
 * folder.
 */
class DocsSnippetsTest {

  private static final Path EXAMPLE_MESH = Path.of("examples/acme/mesh.yaml");
  private static final Path DOCS_SOURCES = Path.of("src/test/java/dev/meshkit/docs");
  private static final Path EXAMPLE_SOURCES = Path.of("examples/src");
  private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?::-[^}]*)?}");
  private static final Pattern FROM = Pattern.compile("from:\\s*(\\S+)");

  private static Mesh exampleMesh;

  @TempDir
  Path temp;

  /** README.md and every page under docs/, in a stable order. */
  static List<Path> pages() throws IOException {
    List<Path> pages = new ArrayList<>(List.of(Path.of("README.md")));
    try (Stream<Path> docs = Files.walk(Path.of("docs"))) {
      docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
    }
    return pages;
  }

  static List<CodeBlock> blocks() throws IOException {
    List<CodeBlock> blocks = new ArrayList<>();
    for (Path page : pages()) {
      blocks.addAll(CodeBlock.parse(page));
    }
    return blocks;
  }

  @TestFactory
  Stream<DynamicTest> everyCodeBlockIsCheckedByItsLanguage() throws IOException {
    return blocks().stream().map(block -> DynamicTest.dynamicTest(block.where() + " " + block.language(), () -> check(block)));
  }

  @Test
  void everySnippetRegionIsShownInTheDocs() throws IOException {
    List<List<String>> shown = blocks().stream().filter(b -> b.language().equals("java"))
        .map(b -> SnippetText.normalize(b.text())).toList();
    List<String> unshown = regions().values().stream().filter(r -> !shown.contains(r.lines()))
        .map(r -> r.name() + " (" + r.where() + ")").toList();
    assertEquals(List.of(), unshown, "snippet regions that no page shows as they are; update the page or drop the markers");
  }

  @AfterAll
  static void closeExampleMesh() {
    if (exampleMesh != null) {
      exampleMesh.close();
    }
  }

  private void check(CodeBlock block) throws Exception {
    String marker = block.marker();
    boolean fragment = "fragment".equals(marker);
    Path from = null;
    if (marker != null && !fragment) {
      Matcher m = FROM.matcher(marker);
      assertTrue(m.matches(), block.where() + ": unknown marker <!-- " + marker + " -->; use <!-- fragment --> or <!-- from: PATH -->");
      from = Path.of(m.group(1));
      List<String> file = Files.readAllLines(from);
      assertTrue(SnippetText.contains(file, SnippetText.normalize(block.text())),
          block.where() + ": the block does not appear as it is in " + from);
    }
    if (fragment && !Set.of("yaml", "sql").contains(block.language())) {
      fail(block.where() + ": <!-- fragment --> applies to yaml and sql blocks only");
    }
    switch (block.language()) {
      case "java" -> {
        if (from == null) {
          checkJava(block);
        }
      }
      case "yaml" -> checkYaml(block, fragment, from);
      case "sql" -> checkSql(block, fragment);
      case "sh" -> checkShell(block);
      case "xml" -> checkXml(block);
      case "text" -> {
        // Output and other samples.
      }
      default -> fail(block.where() + ": a code block needs one of the languages java, yaml, sql, sh, xml, or text for "
          + "output; this one has '" + block.language() + "'");
    }
  }

  private static Map<String, SnippetText.Region> regions() throws IOException {
    return SnippetText.regions(DOCS_SOURCES, EXAMPLE_SOURCES);
  }

  private static void checkJava(CodeBlock block) throws IOException {
    List<String> shown = SnippetText.normalize(block.text());
    Map<String, SnippetText.Region> regions = regions();
    if (regions.values().stream().anyMatch(r -> r.lines().equals(shown))) {
      return;
    }
    for (Path file : SnippetText.javaFiles(EXAMPLE_SOURCES)) {
      if (SnippetText.normalize(Files.readAllLines(file)).equals(shown)) {
        return;
      }
    }
    // The region most like the block is most likely the one it was copied from.
    String closest = regions.values().stream()
        .max(Comparator.comparingLong(r -> r.lines().stream().filter(shown::contains).count()))
        .map(r -> " The closest is region " + r.name() + " at " + r.where() + ": " + firstDifference(r.lines(), shown))
        .orElse("");
    fail(block.where() + ": this java block is neither a snippet region (// snippet:NAME ... // end:NAME) of "
        + DOCS_SOURCES + " or " + EXAMPLE_SOURCES + " nor a whole file of " + EXAMPLE_SOURCES + "." + closest);
  }

  private static String firstDifference(List<String> code, List<String> shown) {
    for (int i = 0; i < Math.max(code.size(), shown.size()); i++) {
      String c = i < code.size() ? code.get(i) : "(end)";
      String s = i < shown.size() ? shown.get(i) : "(end)";
      if (!c.equals(s)) {
        return "line " + (i + 1) + " of the region is\n  " + c + "\nbut the block shows\n  " + s;
      }
    }
    return "they are equal";
  }

  private void checkYaml(CodeBlock block, boolean fragment, Path from) throws IOException {
    List<Object> documents = new ArrayList<>();
    new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(block.text()).forEach(documents::add);
    boolean whole = documents.size() == 1 && documents.get(0) instanceof Map<?, ?> top
        && top.containsKey("name") && (top.containsKey("domains") || top.containsKey("include"));
    if (fragment || from != null && !whole) {
      // An excerpt of a file is as good as the file, which the tests that use it load.
      return;
    }
    if (!whole && (documents.size() != 1 || !(documents.get(0) instanceof Map))) {
      fail(block.where() + ": neither a descriptor nor top-level descriptor keys; mark a piece of a descriptor "
          + "<!-- fragment --> or name the file it comes from with <!-- from: PATH -->");
    }
    if (whole) {
      assertEquals(List.of(), DescriptorSchema.problems(block.text()), block.where() + ": does not conform to "
          + DescriptorSchema.RESOURCE);
    }
    Path folder = from != null ? from.getParent() : EXAMPLE_MESH.getParent();
    String descriptor = whole ? block.text() : withTopLevelKeys(Files.readString(EXAMPLE_MESH), block.text());
    Path dir = Files.createTempDirectory(temp, "mesh");
    copyFolder(folder, dir);
    Path file = Files.writeString(dir.resolve("docs-snippet.yaml"), descriptor);
    Map<String, String> env = new HashMap<>();
    Matcher variables = VARIABLE.matcher(descriptor);
    while (variables.find()) {
      // Long enough for any secret a setting requires, such as masking.hashKey's 32 bytes.
      env.put(variables.group(1), "a-value-from-the-environment-of-this-test");
    }
    try (Mesh mesh = Mesh.builder().descriptor(file).environment(env).build()) {
      assertEquals(Map.of(), mesh.unavailableProducts(), block.where() + ": products whose source does not answer");
    } catch (RuntimeException e) {
      throw new AssertionError(block.where() + ": the descriptor does not load" + (whole ? "" : " as part of " + EXAMPLE_MESH)
          + ": " + e.getMessage(), e);
    }
  }

  /** The base descriptor with its top-level entries replaced, or joined, by those of the part. */
  private static String withTopLevelKeys(String base, String part) {
    Yaml yaml = new Yaml();
    MappingNode root = (MappingNode) yaml.compose(new StringReader(base));
    MappingNode replacing = (MappingNode) yaml.compose(new StringReader(part));
    List<NodeTuple> entries = new ArrayList<>(root.getValue());
    for (NodeTuple entry : replacing.getValue()) {
      String key = ((ScalarNode) entry.getKeyNode()).getValue();
      entries.removeIf(e -> ((ScalarNode) e.getKeyNode()).getValue().equals(key));
      entries.add(entry);
    }
    root.setValue(entries);
    StringWriter out = new StringWriter();
    yaml.serialize(root, out);
    return out.toString();
  }

  private static void copyFolder(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path f : files.toList()) {
        Path target = to.resolve(from.relativize(f).toString());
        if (Files.isDirectory(f)) {
          Files.createDirectories(target);
        } else {
          Files.copy(f, target);
        }
      }
    }
  }

  private static void checkSql(CodeBlock block, boolean fragment) throws Exception {
    String sql = block.text().strip().replaceAll(";$", "");
    if (fragment) {
      assertNotNull(SqlParser.create(sql).parseStmt());
      return;
    }
    try (Connection c = exampleMesh().connect(exampleMesh().principal("ann").orElseThrow());
         Statement s = c.createStatement();
         ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        rs.getObject(1);
      }
    } catch (SQLException e) {
      throw new AssertionError(block.where() + ": fails on " + EXAMPLE_MESH + " as ann: " + e.getMessage(), e);
    }
  }

  private static synchronized Mesh exampleMesh() {
    if (exampleMesh == null) {
      exampleMesh = Mesh.fromYaml(EXAMPLE_MESH);
    }
    return exampleMesh;
  }

  private static void checkShell(CodeBlock block) throws Exception {
    for (List<String> command : ShellCommands.parse(block.text())) {
      String program = command.get(0);
      List<String> args = command.subList(1, command.size());
      if (program.equals("meshkit") || program.endsWith("/meshkit")) {
        checkMeshkit(block, args);
      } else if (program.equals("mvn")) {
        checkMaven(block, args);
      }
    }
  }

  private static void checkMeshkit(CodeBlock block, List<String> args) throws Exception {
    // The command line exactly as the launcher builds it, wired to no streams: only parsed, never run.
    Method build = MeshkitCommand.class.getDeclaredMethod("commandLine", InputStream.class, boolean.class,
        PrintWriter.class, PrintWriter.class);
    build.setAccessible(true);
    PrintWriter nowhere = new PrintWriter(Writer.nullWriter());
    CommandLine cli = (CommandLine) build.invoke(null, InputStream.nullInputStream(), false, nowhere, nowhere);
    try {
      ParseResult parsed = cli.parseArgs(args.toArray(String[]::new));
      assertTrue(parsed.hasSubcommand() || parsed.isVersionHelpRequested() || parsed.isUsageHelpRequested(),
          block.where() + ": meshkit " + String.join(" ", args) + " names no command");
    } catch (CommandLine.ParameterException e) {
      fail(block.where() + ": meshkit " + String.join(" ", args) + ": " + e.getMessage());
    }
  }

  private static void checkMaven(CodeBlock block, List<String> args) throws Exception {
    String pom = Files.readString(Path.of("pom.xml"));
    for (String arg : args) {
      if (arg.startsWith("-Dexec.mainClass=")) {
        String name = arg.substring("-Dexec.mainClass=".length());
        try {
          Class.forName(name).getMethod("main", String[].class);
        } catch (ReflectiveOperationException e) {
          fail(block.where() + ": " + arg + " names no class with a main method (" + e + ")");
        }
      } else if (arg.startsWith("-Dtest=")) {
        Set<String> compiled = testClassNames();
        for (String name : arg.substring("-Dtest=".length()).split(",")) {
          String pattern = Pattern.quote(name).replace("*", "\\E.*\\Q");
          assertTrue(compiled.stream().anyMatch(c -> c.matches(pattern)), block.where() + ": " + arg + " names no test class " + name);
        }
      } else if (arg.matches("[\\w:.-]+@[\\w.-]+")) {
        String id = arg.substring(arg.indexOf('@') + 1);
        assertTrue(pom.contains("<id>" + id + "</id>"), block.where() + ": " + arg + ": pom.xml has no execution " + id);
      }
    }
  }

  /** The simple names of the compiled test classes, examples included. */
  private static Set<String> testClassNames() throws IOException, URISyntaxException {
    Path classes = Path.of(DocsSnippetsTest.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    try (Stream<Path> files = Files.walk(classes)) {
      return files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".class") && !n.contains("$"))
          .map(n -> n.substring(0, n.length() - ".class".length())).collect(Collectors.toSet());
    }
  }

  private static void checkXml(CodeBlock block) throws Exception {
    Document xml = parseXml("<snippet>" + block.text() + "</snippet>", block.where());
    Map<String, String> versions = pomVersions();
    NodeList dependencies = xml.getElementsByTagName("dependency");
    for (int i = 0; i < dependencies.getLength(); i++) {
      Element dependency = (Element) dependencies.item(i);
      String artifact = child(dependency, "groupId") + ":" + child(dependency, "artifactId");
      String expected = versions.get(artifact);
      if (expected != null) {
        assertEquals(expected, child(dependency, "version"), block.where() + ": the version of " + artifact + " in pom.xml");
      }
    }
  }

  /** group:artifact to version, for the project itself and its versioned dependencies, properties resolved. */
  private static Map<String, String> pomVersions() throws Exception {
    Document pom = parseXml(Files.readString(Path.of("pom.xml")), "pom.xml");
    Element project = pom.getDocumentElement();
    Map<String, String> properties = new HashMap<>();
    for (Element props : children(project, "properties")) {
      NodeList all = props.getChildNodes();
      for (int i = 0; i < all.getLength(); i++) {
        if (all.item(i) instanceof Element p) {
          properties.put(p.getTagName(), p.getTextContent().strip());
        }
      }
    }
    Map<String, String> versions = new LinkedHashMap<>();
    versions.put(child(project, "groupId") + ":" + child(project, "artifactId"), child(project, "version"));
    for (Element deps : children(project, "dependencies")) {
      for (Element dep : children(deps, "dependency")) {
        String version = child(dep, "version");
        if (version != null) {
          Matcher property = Pattern.compile("\\$\\{(.+)}").matcher(version);
          versions.put(child(dep, "groupId") + ":" + child(dep, "artifactId"),
              property.matches() ? properties.get(property.group(1)) : version);
        }
      }
    }
    return versions;
  }

  private static Document parseXml(String text, String where) throws Exception {
    try {
      return DocumentBuilderFactory.newInstance().newDocumentBuilder()
          .parse(new InputSource(new StringReader(text)));
    } catch (SAXException e) {
      throw new AssertionError(where + ": not well-formed XML: " + e.getMessage(), e);
    }
  }

  private static List<Element> children(Element parent, String tag) {
    List<Element> found = new ArrayList<>();
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && e.getTagName().equals(tag)) {
        found.add(e);
      }
    }
    return found;
  }

  private static String child(Element parent, String tag) {
    List<Element> found = children(parent, tag);
    return found.isEmpty() ? null : found.get(0).getTextContent().strip();
  }
}
