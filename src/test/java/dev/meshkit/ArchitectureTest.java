package dev.meshkit;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.Architectures.LayeredArchitecture;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.TreeMap;

/**
 * The layering of the packages, pinned so that no change undoes it by accident. From the bottom:
 * the public API ({@code dev.meshkit}), the model and the JDBC delegates; then descriptor, policy,
 * sources and planner; the metadata store; governance and masking; the engine; the catalog; the JDBC surface; and the
 * bootstrap that assembles them behind the API's {@link MeshEngine} seam. Server, CLI and test
 * fixtures sit on the public API (the CLI also on the contract rules, pure logic over the API; the
 * server also on the web catalog, which reads the mesh through the API as any viewer would);
 * the remote client on the delegates and Avatica alone.
 */
@AnalyzeClasses(packages = "dev.meshkit", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  /** A package of more top-level classes than this holds two concerns. */
  static final int MAX_CLASSES_PER_PACKAGE = 25;

  static LayeredArchitecture layers() {
    return layeredArchitecture().consideringOnlyDependenciesInLayers()
        .layer("api").definedBy("dev.meshkit")
        .layer("model").definedBy("dev.meshkit.model")
        .layer("delegate").definedBy("dev.meshkit.delegate")
        .layer("descriptor").definedBy("dev.meshkit.descriptor")
        .layer("policy").definedBy("dev.meshkit.policy")
        .layer("source").definedBy("dev.meshkit.source..")
        .layer("planner").definedBy("dev.meshkit.planner..")
        .layer("store").definedBy("dev.meshkit.store")
        .layer("governance").definedBy("dev.meshkit.governance")
        .layer("masking").definedBy("dev.meshkit.masking")
        .layer("engine").definedBy("dev.meshkit.engine..")
        .layer("catalog").definedBy("dev.meshkit.catalog")
        .layer("jdbc").definedBy("dev.meshkit.jdbc")
        .layer("contract").definedBy("dev.meshkit.contract")
        .layer("bootstrap").definedBy("dev.meshkit.bootstrap")
        .layer("web").definedBy("dev.meshkit.web")
        .layer("server").definedBy("dev.meshkit.server")
        .layer("cli").definedBy("dev.meshkit.cli")
        .layer("testing").definedBy("dev.meshkit.testing")
        .layer("client").definedBy("dev.meshkit.client")

        .whereLayer("bootstrap").mayNotBeAccessedByAnyLayer()
        .whereLayer("cli").mayNotBeAccessedByAnyLayer()
        .whereLayer("contract").mayOnlyBeAccessedByLayers("bootstrap", "cli")
        .whereLayer("testing").mayNotBeAccessedByAnyLayer()
        .whereLayer("client").mayNotBeAccessedByAnyLayer()
        .whereLayer("server").mayOnlyBeAccessedByLayers("cli")
        .whereLayer("web").mayOnlyBeAccessedByLayers("server")
        .whereLayer("jdbc").mayOnlyBeAccessedByLayers("bootstrap")
        .whereLayer("catalog").mayOnlyBeAccessedByLayers("jdbc", "bootstrap")
        .whereLayer("engine").mayOnlyBeAccessedByLayers("catalog", "jdbc", "bootstrap")
        .whereLayer("masking").mayOnlyBeAccessedByLayers("engine")
        .whereLayer("planner").mayOnlyBeAccessedByLayers("engine")
        .whereLayer("governance").mayOnlyBeAccessedByLayers("engine", "catalog", "jdbc", "bootstrap")
        .whereLayer("store").mayOnlyBeAccessedByLayers("governance", "engine", "catalog", "jdbc", "bootstrap")
        .whereLayer("policy")
        .mayOnlyBeAccessedByLayers("governance", "masking", "engine", "catalog", "jdbc", "bootstrap")
        .whereLayer("source").mayOnlyBeAccessedByLayers("planner", "engine", "catalog", "jdbc", "bootstrap", "testing")
        .whereLayer("descriptor").mayOnlyBeAccessedByLayers("bootstrap", "testing")
        .whereLayer("delegate").mayOnlyBeAccessedByLayers("source", "jdbc", "client");
  }

  @ArchTest
  static final ArchRule layersPointOneWay = layers();

  @ArchTest
  static final ArchRule noPackageCycles = slices().matching("dev.meshkit.(**)").should().beFreeOfCycles();

  @ArchTest
  static final ArchRule publicApiImportsNoImplementation = noClasses()
      .that().resideInAPackage("dev.meshkit")
      .should().dependOnClassesThat(abovePackages("dev.meshkit"))
      .orShould().dependOnClassesThat().resideInAPackage("org.apache.calcite..")
      .because("users touch dev.meshkit; the engine behind it is reached through MeshEngine");

  @ArchTest
  static final ArchRule modelPolicyAndDescriptorAreFreeOfCalcite = noClasses()
      .that().resideInAnyPackage("dev.meshkit.model..", "dev.meshkit.policy..", "dev.meshkit.descriptor..")
      .should().dependOnClassesThat().resideInAPackage("org.apache.calcite..")
      .because("policy decisions and the model are plain Java; compiling masks belongs to the engine");

  @ArchTest
  static final ArchRule sourceSpiDependsOnNothingAbove = noClasses()
      .that().resideInAPackage("dev.meshkit.source..")
      .should().dependOnClassesThat(
          abovePackages("dev.meshkit", "dev.meshkit.model", "dev.meshkit.source", "dev.meshkit.delegate"))
      .because("a source type is written against the SPI, the model and the public API alone");

  @ArchTest
  static final ArchRule serverAndCliUseThePublicApi = noClasses()
      .that().resideInAnyPackage("dev.meshkit.server..", "dev.meshkit.cli..", "dev.meshkit.web..")
      .should().dependOnClassesThat(abovePackages("dev.meshkit", "dev.meshkit.server", "dev.meshkit.cli",
          "dev.meshkit.contract", "dev.meshkit.web"))
      .because("the server and the command line are clients of Mesh, like any application; the contract rules"
          + " are pure logic over the API's ProductContract, which meshkit diff applies as the engine does");

  @ArchTest
  static final ArchRule contractRulesArePureLogicOverTheApi = noClasses()
      .that().resideInAPackage("dev.meshkit.contract")
      .should().dependOnClassesThat(abovePackages("dev.meshkit", "dev.meshkit.contract"))
      .orShould().dependOnClassesThat().resideInAPackage("org.apache.calcite..")
      .because("the engine before a reload and the command line's diff judge changes with the same rules");

  @ArchTest
  static final ArchRule delegatesDependOnNothingOfMeshkit = noClasses()
      .that().resideInAPackage("dev.meshkit.delegate")
      .should().dependOnClassesThat(abovePackages("dev.meshkit.delegate"))
      .because("the JDBC delegates are plain forwarding, shared by the source and consumer sides");

  @ArchTest
  static final ArchRule clientNeedsOnlyTheJdkAvaticaAndTheDelegates = classes()
      .that().resideInAPackage("dev.meshkit.client")
      .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "javax..", "org.apache.calcite.avatica..",
          "dev.meshkit.delegate", "dev.meshkit.client")
      .because("the client jar holds only these two packages and runs beside Avatica's client jar alone");

  @ArchTest
  static final ArchRule noDynamicProxyOnTheRowPath = noClasses()
      .that().resideInAnyPackage("dev.meshkit.jdbc..", "dev.meshkit.delegate..", "dev.meshkit.source..",
          "dev.meshkit.engine..", "dev.meshkit.client..")
      .should().dependOnClassesThat().belongToAnyOf(Proxy.class, InvocationHandler.class)
      .because("every row passes these packages: a call must cost one virtual call, not a reflective one");

  @ArchTest
  static void packagesStaySmall(JavaClasses classes) {
    Map<String, Integer> sizes = new TreeMap<>();
    for (JavaClass c : classes) {
      if (c.isTopLevelClass()) {
        sizes.merge(c.getPackageName(), 1, Integer::sum);
      }
    }
    sizes.forEach((pkg, size) -> {
      if (size > MAX_CLASSES_PER_PACKAGE) {
        throw new AssertionError(pkg + " holds " + size + " top-level classes (at most "
            + MAX_CLASSES_PER_PACKAGE + "): split it by concept");
      }
    });
  }

  /** Classes of meshkit outside the given packages (a package stands for itself and its subpackages). */
  static DescribedPredicate<JavaClass> abovePackages(String... allowed) {
    return DescribedPredicate.describe("meshkit classes outside " + String.join(", ", allowed), c -> {
      String pkg = c.getPackageName();
      if (!pkg.equals("dev.meshkit") && !pkg.startsWith("dev.meshkit.")) {
        return false;
      }
      for (String a : allowed) {
        if (pkg.equals(a) || (!a.equals("dev.meshkit") && pkg.startsWith(a + "."))) {
          return false;
        }
      }
      return true;
    });
  }
}
