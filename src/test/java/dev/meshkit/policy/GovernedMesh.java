package dev.meshkit.policy;

import static dev.meshkit.MeshTesting.h2;
import static dev.meshkit.MeshTesting.write;

import dev.meshkit.AuditSink;
import dev.meshkit.Mesh;
import dev.meshkit.Principal;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A governed mesh for the policy tests, loaded from a descriptor through the public API: domains
 * sales (customers with pii phone and email, orders with region, big_orders built on orders) and hr
 * (salaries), with the policies of issue 3 plus domain policies that narrow. Each instance has its
 * own H2 databases, so test classes do not share state.
 */
final class GovernedMesh implements AutoCloseable {

  // --- principals ---------------------------------------------------------------------------
  static final Principal ANN = Principal.builder("ann").role("analyst").attribute("region", "EU").build();
  static final Principal BOB = Principal.builder("bob").role("analyst").attribute("region", "US").build();
  static final Principal ERIN = Principal.builder("erin").role("analyst").attribute("region", "APAC").build();
  /** Same roles and attributes as ann: the same policy fingerprint, so plans may be shared. */
  static final Principal ANNA = Principal.builder("anna").role("analyst").attribute("region", "EU").build();
  /** An analyst without the region attribute the row filter binds. */
  static final Principal NORA = Principal.builder("nora").role("analyst").build();
  /** An analyst whose attribute tries to inject SQL into the row filter. */
  static final Principal MALLORY = Principal.builder("mallory").role("analyst")
      .attribute("region", "EU' OR 'x' = 'x").build();
  static final Principal CARL = Principal.builder("carl").role("contractor").attribute("region", "EU").build();
  static final Principal CORA = Principal.builder("cora").role("analyst").role("compliance").build();
  static final Principal DAVE = Principal.of("dave");
  /** An analyst like ann who is a member of sales, and so sees inside its products. */
  static final Principal MIA = Principal.builder("mia").role("analyst").attribute("region", "EU").build();
  /** Globally granted hr.* and sys.*, but hr's domain grant admits only compliance. */
  static final Principal HAL = Principal.builder("hal").role("auditor").build();

  /** The mesh's key for the hash mask, which tests use to compute the hashes they expect. */
  static final String HASH_KEY = "governed-mesh-test-key-0123456789abcdef";

  // --- raw values no masked or filtered principal may ever see ------------------------------
  static final List<String> RAW_PHONES = List.of("+44 20 7946 0101", "+1 212 555 0202", "+33 1 7000 0303");
  static final List<String> RAW_EMAILS = List.of("alice@example.eu", "bruno@example.us", "chloe@example.eu");
  static final List<String> SALARIES = List.of("91234.56", "87654.32");
  static final String US_SECRET_NOTE = "US-SECRET-NOTE";
  static final String APAC_SECRET_NOTE = "APAC-SECRET-NOTE";

  /** Statements each database source executed, as the source listener saw them. */
  final List<String> sourceSql = new CopyOnWriteArrayList<>();
  final Mesh mesh;

  GovernedMesh(Path dir, AuditSink... sinks) throws SQLException {
    String id = UUID.randomUUID().toString().replace("-", "");
    String sales = h2("gov_sales_" + id,
        "CREATE TABLE customers(id INT PRIMARY KEY, name VARCHAR(20), phone VARCHAR(20), email VARCHAR(40),"
            + " region VARCHAR(10))",
        "INSERT INTO customers VALUES"
            + " (1, 'Alice', '+44 20 7946 0101', 'alice@example.eu', 'EU'),"
            + " (2, 'Bruno', '+1 212 555 0202', 'bruno@example.us', 'US'),"
            + " (3, 'Chloe', '+33 1 7000 0303', 'chloe@example.eu', 'EU')",
        "CREATE TABLE orders(id INT PRIMARY KEY, customer_id INT, amount DECIMAL(10,2), region VARCHAR(40),"
            + " handler VARCHAR(20), note VARCHAR(40))",
        // EU notes are numbers; the others are not, so CAST(note AS INTEGER) fails only on rows ann cannot see.
        // 75.00 exists only in a US row, so 1/(amount - 75) fails only on a row ann cannot see.
        "INSERT INTO orders VALUES"
            + " (10, 1, 50.00, 'EU', 'carl', '1'),"
            + " (11, 1, 150.00, 'EU', 'zed', '2'),"
            + " (12, 2, 75.00, 'US', 'carl', '" + US_SECRET_NOTE + "'),"
            + " (13, 2, 250.00, 'US', 'zed', '" + US_SECRET_NOTE + "'),"
            + " (14, 3, 1500.00, 'EU', 'zed', '3'),"
            + " (15, 3, 20.00, 'APAC', 'zed', '" + APAC_SECRET_NOTE + "'),"
            // A row whose region is the text mallory's attribute holds: only a literal binding matches it.
            + " (16, 3, 30.00, 'EU'' OR ''x'' = ''x', 'zed', '4')");
    String hr = h2("gov_hr_" + id,
        "CREATE TABLE salaries(employee VARCHAR(20), salary DECIMAL(10,2))",
        "INSERT INTO salaries VALUES ('ann', 91234.56), ('bob', 87654.32)");
    // The same contacts in a CSV file: masks over a source the mesh reads in the JVM.
    Path files = dir.resolve("files-" + id);
    write(files.resolve("contacts.csv"), "id,name,phone\n1,Alice," + RAW_PHONES.get(0) + "\n2,Bruno,"
        + RAW_PHONES.get(1) + "\n3,Chloe," + RAW_PHONES.get(2) + "\n");
    Path descriptor = write(dir.resolve("governed-" + id + ".yaml"), """
        name: acme
        masking: {hashKey: "%s"}
        domains:
          - name: sales
            owner: sales-team@acme.example
            members: {users: [mia]}
            sources:
              - {name: crm, type: jdbc, url: "%s", user: sa}
              - {name: files, type: csv, path: "%s"}
            products:
              - name: customers
                description: Customers
                sql: SELECT * FROM crm.customers
                columns:
                  - {name: phone, description: Contact phone, tags: [pii]}
                  - {name: email, description: Contact email, tags: [pii]}
              - name: contacts
                description: Contacts from a file
                sql: SELECT * FROM files.contacts
                columns:
                  - {name: phone, description: Contact phone, tags: [pii]}
              - {name: orders, description: Orders, sql: SELECT * FROM crm.orders}
              - {name: big_orders, description: Orders of 100 or more, sql: "SELECT * FROM sales.orders WHERE amount >= 100"}
            policies:
              - name: sales-no-customers-for-contractors
                deny: {products: ["sales.customers"], roles: [contractor]}
              - name: analysts-no-huge-orders
                rowFilter: {products: ["sales.big_orders"], roles: [analyst], exceptRoles: [compliance], where: "amount < 1000"}
          - name: hr
            owner: hr-team@acme.example
            sources:
              - {name: payroll, type: jdbc, url: "%s", user: sa}
            products:
              - {name: salaries, description: Salaries, sql: SELECT * FROM payroll.salaries}
            policies:
              - name: hr-compliance-only
                grant: {products: ["hr.salaries"], roles: [compliance]}
              - name: hr-tries-to-widen-to-dave
                grant: {products: ["hr.salaries"], users: [dave]}
        policies:
          - name: analysts-read-sales
            grant: {products: ["sales.*"], roles: [analyst]}
          - name: contractors-read-sales
            grant: {products: ["sales.*"], roles: [contractor]}
          - name: hr-readers
            grant: {products: ["hr.*"], roles: [compliance, contractor, auditor]}
          - name: auditors-read-sys
            grant: {products: ["sys.*"], roles: [auditor]}
          - name: contractors-no-hr
            deny: {products: ["hr.*"], roles: [contractor]}
          - name: analysts-see-their-region
            rowFilter: {products: ["sales.orders"], roles: [analyst], exceptRoles: [compliance], where: "region = :region"}
          - name: contractors-see-their-orders
            rowFilter: {products: ["sales.orders"], roles: [contractor], where: "handler = :user"}
          - name: phone-last-four
            mask: {products: ["sales.customers"], columns: [phone], roles: [analyst], exceptRoles: [compliance], with: last4}
          - name: pii-hashed
            mask: {tags: [pii], roles: [analyst], exceptRoles: [compliance], with: hash}
        """.formatted(HASH_KEY, sales, files.toAbsolutePath(), hr));
    Mesh.Builder builder = Mesh.builder().descriptor(descriptor)
        .sourceListener((domain, source, sql, rows) -> sourceSql.add(sql));
    for (AuditSink sink : sinks) {
      builder.auditSink(sink);
    }
    this.mesh = builder.build();
  }

  @Override
  public void close() {
    mesh.close();
  }
}
