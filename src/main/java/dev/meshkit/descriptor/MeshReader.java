package dev.meshkit.descriptor;

import dev.meshkit.PasswordHasher;
import dev.meshkit.model.BuiltInMask;
import dev.meshkit.model.DomainModel;
import dev.meshkit.model.HashKey;
import dev.meshkit.model.Location;
import dev.meshkit.model.Members;
import dev.meshkit.model.MeshModel;
import dev.meshkit.model.MeshSettings;
import dev.meshkit.model.MetadataStoreSettings;
import dev.meshkit.model.PolicyModel;
import dev.meshkit.model.PrincipalModel;
import dev.meshkit.model.ProductModel;
import dev.meshkit.model.SourceModel;
import dev.meshkit.model.StandardModel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * Walks a composed descriptor and builds the model, reporting every problem it meets. Items with a
 * problem in a required field are skipped so the walk can go on; the model is only handed out when
 * nothing was found.
 */
final class MeshReader {

  private static final Set<String> MESH_FIELDS =
      Set.of("name", "description", "strict", "settings", "domains", "include", "principals", "policies",
          "standards", "masking");
  private static final Set<String> MASKING_FIELDS = Set.of("hashKey");
  private static final Set<String> SETTINGS_FIELDS = Set.of("maxQueryRows", "parallelStatements", "splitRows", "watch",
      "metadataStore");
  private static final Set<String> METADATA_STORE_FIELDS =
      Set.of("enabled", "url", "user", "password", "path", "auditRetention");
  private static final Set<String> DOMAIN_FIELDS =
      Set.of("name", "owner", "description", "members", "sources", "products", "policies");
  private static final Set<String> MEMBER_FIELDS = Set.of("users", "roles");
  private static final Set<String> PRINCIPAL_FIELDS = Set.of("name", "roles", "attributes", "password");

  /** A source, kept until all domain names are known. */
  private record DeclaredSource(String name, String label, String file, int line) {}

  private final Problems problems;
  private final EnvSubstitution env;
  private final SettingsReader settings;
  private final UniqueNames domainNames;
  private final PolicyReader policies;
  private final ProductReader products;
  private final List<DeclaredSource> sources = new ArrayList<>();

  MeshReader(Problems problems, EnvSubstitution env) {
    this.problems = problems;
    this.env = env;
    this.settings = new SettingsReader(problems, env);
    this.domainNames = new UniqueNames("domain", "", problems);
    this.policies = new PolicyReader(problems, env, new UniqueNames("policy", "", problems));
    this.products = new ProductReader(problems);
  }

  /** @param descriptor the descriptor's file, absolute, or null when it was given as text */
  MeshModel read(Node root, Path baseDir, Path descriptor) {
    Fields mesh = Fields.of(root, "the descriptor", problems, env);
    if (mesh == null) {
      // Nothing else can be read; of() has reported why.
      throw problems.exception();
    }
    mesh.check("the mesh", MESH_FIELDS);
    String name = mesh.required("name");
    mesh.checkName(name, "mesh");
    String description = mesh.text("description");
    boolean strict = mesh.bool("strict", false);
    MeshSettings meshSettings = settings(mesh);
    List<DomainModel> domains = new ArrayList<>(mesh.items("domains", "domain", "", (fields) -> domain(fields, baseDir)));
    String platform = problems.file();
    Includes includes = new Includes(problems, baseDir, descriptor);
    List<Path> files = new ArrayList<>();
    if (descriptor != null) {
      files.add(descriptor);
    }
    for (Includes.File file : includes.files(mesh)) {
      files.add(file.path());
      DomainModel domain = domainFile(file);
      if (domain != null) {
        domains.add(domain);
      }
    }
    problems.reading(platform);
    UniqueNames principalNames = new UniqueNames("principal", "", problems);
    List<PrincipalModel> principals = mesh.items("principals", "principal", "",
        (fields) -> principal(fields, principalNames));
    List<PolicyModel> global = policies.readAll(mesh, null, "");
    // After the domains, whose names scope the standards.
    List<StandardModel> standards = new StandardReader(problems, env, domainNames).readAll(mesh);
    Fields masking = mesh.fields("masking", "masking");
    HashKey hashKey = hashKey(masking);
    checkSourcesAgainstDomains();
    products.checkReplacements(domains);
    if (masking == null || !masking.has("hashKey")) {
      checkHashMasksHaveAKey(global, domains);
    }
    problems.throwIfAny();
    return new MeshModel(name, description, strict, domains, principals, global, standards, hashKey, baseDir,
        new Location(problems.file(), mesh.line()), meshSettings, files);
  }

  private MeshSettings settings(Fields mesh) {
    Fields fields = mesh.fields("settings", "the mesh's settings");
    if (fields == null) {
      return MeshSettings.DEFAULTS;
    }
    fields.check("the mesh's settings", SETTINGS_FIELDS);
    long rows = whole(fields, "maxQueryRows", MeshSettings.DEFAULTS.maxQueryRows(), "rows, 0 for no limit");
    long parallel = whole(fields, "parallelStatements", MeshSettings.DEFAULTS.parallelStatements(),
        "statements, 0 to run each query's statements one after another");
    if (parallel > Integer.MAX_VALUE) {
      problems.add(fields.line("parallelStatements"), fields.field("parallelStatements") + " is too large: "
          + fields.raw("parallelStatements"));
      parallel = MeshSettings.DEFAULTS.parallelStatements();
    }
    long split = whole(fields, "splitRows", MeshSettings.DEFAULTS.splitRows(), "rows, 0 to split no statement");
    return new MeshSettings(rows, (int) parallel, split, fields.bool("watch", false), metadataStore(fields));
  }

  private MetadataStoreSettings metadataStore(Fields settings) {
    Fields fields = settings.fields("metadataStore", "the mesh's metadataStore setting");
    if (fields == null) {
      return MetadataStoreSettings.DEFAULTS;
    }
    fields.check("the mesh's metadataStore setting", METADATA_STORE_FIELDS);
    String url = fields.string("url");
    if (url != null && !url.startsWith("jdbc:")) {
      problems.add(fields.line("url"), fields.field("url") + " must be a JDBC URL starting with 'jdbc:'");
    }
    if (url != null && fields.string("path") != null) {
      problems.add(fields.line("path"), fields.field("path") + " names the folder of the embedded store;"
          + " with a 'url' the store is that database, so give one or the other");
    }
    Duration retention = ProductReader.duration(fields, "auditRetention", problems);
    return new MetadataStoreSettings(fields.bool("enabled", true), url, fields.string("user"),
        fields.string("password"), fields.string("path"),
        retention == null ? MetadataStoreSettings.DEFAULT_AUDIT_RETENTION : retention);
  }

  /** A whole number of at least 0, or {@code absent} where the field is missing or wrong (which it reports). */
  private long whole(Fields fields, String name, long absent, String unit) {
    String text = fields.string(name);
    if (text == null) {
      return absent;
    }
    try {
      long value = Long.parseLong(text.strip().replace("_", ""));
      if (value >= 0) {
        return value;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    problems.add(fields.line(name), fields.field(name) + " must be a whole number of " + unit + ": " + fields.raw(name));
    return absent;
  }

  /** An included file: one domain at its top level, and nothing that belongs to the platform. */
  private DomainModel domainFile(Includes.File file) {
    String platform = problems.file();
    problems.reading(file.name());
    Node root = file.compose(problems);
    if (root == null) {
      return null;
    }
    Fields domain = Fields.of(root, "the domain file", problems, env);
    if (domain == null) {
      return null;
    }
    for (String key : domain.all().keySet()) {
      if (key.equals("domains")) {
        problems.add(domain.line(key), "a domain file holds exactly one domain, written at its top level (name,"
            + " owner, sources, products), not a 'domains' list; give each domain a file of its own");
      } else if (MESH_FIELDS.contains(key) && !DOMAIN_FIELDS.contains(key)) {
        problems.add(domain.line(key), "field '" + key + "' belongs in the platform descriptor " + platform
            + ", not in a domain file (a domain file holds one domain: "
            + String.join(", ", new TreeSet<>(DOMAIN_FIELDS)) + ")");
      }
    }
    return domain(domain, file.path().getParent(), MESH_FIELDS);
  }

  private DomainModel domain(Fields domain, Path baseDir) {
    return domain(domain, baseDir, Set.of());
  }

  /** @param reported fields already reported by the caller, so not as unknown again */
  private DomainModel domain(Fields domain, Path baseDir, Set<String> reported) {
    String written = domain.raw("name");
    Set<String> accepted = new HashSet<>(DOMAIN_FIELDS);
    accepted.addAll(reported);
    domain.check(written == null ? domain.what() : "domain '" + written + "'", accepted);
    String name = domain.required("name");
    if (name != null && domain.checkName(name, "domain")) {
      domainNames.add(name, written, domain.line());
    }
    String owner = " of " + domain.what();
    UniqueNames sourceNames = new UniqueNames("source", " in " + domain.what(), problems);
    List<SourceModel> sources = domain.items("sources", "source", owner,
        (fields) -> source(fields, owner, sourceNames));
    UniqueNames productNames = new UniqueNames("product", " in " + domain.what(), problems);
    String ownerText = domain.string("owner");
    List<ProductModel> domainProducts = domain.items("products", "product", owner,
        (fields) -> products.read(fields, owner, productNames, ownerText));
    List<PolicyModel> domainPolicies = policies.readAll(domain, name, owner);
    Members members = members(domain);
    String description = domain.text("description");
    if (name == null) {
      return null;
    }
    return new DomainModel(name, ownerText, description, members, sources, domainProducts, domainPolicies,
        new Location(problems.file(), domain.line()), baseDir);
  }

  private SourceModel source(Fields source, String owner, UniqueNames names) {
    String written = source.raw("name");
    // Every other key is a setting, judged later by the source type.
    source.check(written == null ? source.what() : "source '" + written + "'" + owner, source.all().keySet());
    String name = source.required("name");
    String type = source.required("type");
    if (name != null && source.checkName(name, "source")) {
      names.add(name, written, source.line());
      sources.add(new DeclaredSource(name, source.what(), problems.file(), source.line()));
    }
    Map<String, Object> values = settings.read(source);
    if (name == null || type == null) {
      return null;
    }
    return new SourceModel(name, type, values, new Location(problems.file(), source.line()));
  }

  private Members members(Fields domain) {
    Fields members = domain.fields("members", "members of " + domain.what());
    if (members == null) {
      return Members.NONE;
    }
    members.check("members of " + domain.what(), MEMBER_FIELDS);
    return new Members(members.strings("users"), members.strings("roles"));
  }

  private PrincipalModel principal(Fields principal, UniqueNames names) {
    String written = principal.raw("name");
    principal.check(written == null ? principal.what() : "principal '" + written + "'", PRINCIPAL_FIELDS);
    String name = principal.required("name");
    if (name != null) {
      String invalid = Names.checkPrincipal(name);
      if (invalid != null) {
        problems.add(principal.line("name"), "principal name '" + written + "' is not valid: " + invalid);
      }
      names.add(name, written, principal.line());
    }
    List<String> roles = principal.strings("roles");
    Map<String, String> attributes = attributes(principal);
    String passwordHash = principal.string("password");
    if (passwordHash != null) {
      String problem = PasswordHasher.problem(passwordHash);
      if (problem != null) {
        problems.add(principal.line("password"),
            (written == null ? principal.what() : "principal '" + written + "'") + ": " + problem);
      }
    }
    if (name == null) {
      return null;
    }
    return new PrincipalModel(name, roles, attributes, passwordHash,
        new Location(problems.file(), principal.line()));
  }

  /** Attributes fill {@code :name} parameters in row filters, so keys are identifiers and values text. */
  private Map<String, String> attributes(Fields principal) {
    Map<String, String> attributes = new LinkedHashMap<>();
    Fields fields = principal.fields("attributes", "attributes of " + principal.what());
    if (fields == null) {
      return attributes;
    }
    for (Map.Entry<String, Node> entry : fields.all().entrySet()) {
      String key = entry.getKey();
      Node value = entry.getValue();
      String invalid = Names.checkIdentifier(key);
      if (invalid != null) {
        problems.add(value, "attribute name '" + key + "' of " + principal.what() + " is not valid: " + invalid);
      } else if (!(value instanceof ScalarNode) || Fields.isNull(value)) {
        problems.add(value, "attribute '" + key + "' of " + principal.what()
            + " must be a single value, not " + Fields.kind(value));
      } else {
        attributes.put(key, fields.string(key));
      }
    }
    return attributes;
  }

  /** The key of the hash mask; its value is never part of a message, only the setting's name. */
  private HashKey hashKey(Fields masking) {
    if (masking == null) {
      return null;
    }
    masking.check("masking", MASKING_FIELDS);
    String text = masking.string("hashKey");
    if (text == null) {
      return null;
    }
    try {
      return HashKey.of(text);
    } catch (IllegalArgumentException e) {
      problems.add(masking.line("hashKey"), "masking.hashKey must be at least " + HashKey.MIN_BYTES
          + " bytes long (give a random secret from the environment, as in 'hashKey: ${MESHKIT_MASK_KEY}')");
      return null;
    }
  }

  /** Without the mesh's key, a hash is a plain digest that anyone holding candidate values can reverse. */
  private void checkHashMasksHaveAKey(List<PolicyModel> global, List<DomainModel> domains) {
    List<PolicyModel> all = new ArrayList<>(global);
    domains.forEach(domain -> all.addAll(domain.policies()));
    for (PolicyModel policy : all) {
      if (BuiltInMask.HASH.descriptorName().equals(policy.with())) {
        problems.add(policy.location().file(), policy.location().line(), "policy '" + policy.name() + "' masks with 'hash', which needs the"
            + " mesh's secret key: set masking.hashKey to at least " + HashKey.MIN_BYTES
            + " bytes, from the environment (masking: {hashKey: ${MESHKIT_MASK_KEY}})");
      }
    }
  }

  /** A source named like a domain would hide that domain's products inside product SQL. */
  private void checkSourcesAgainstDomains() {
    for (DeclaredSource source : sources) {
      UniqueNames.Declared domain = domainNames.find(source.name());
      if (domain != null) {
        problems.add(source.file(), source.line(), source.label() + " has the same name as domain '"
            + domain.written() + "' (" + domain.where(source.file()) + "), which it would hide inside product SQL;"
            + " rename the source");
      }
    }
  }
}
