package dev.meshkit.it;

import java.util.List;
import java.util.Map;

/**
 * The analytic workload: everyday analytic SQL beyond TPC-H over {@link RetailData}'s tables, named
 * {@code {customers}}, {@code {suppliers}}, {@code {products}}, {@code {orders}} and {@code {lines}}.
 * A query has a second text for PostgreSQL only where the two dialects spell the same thing
 * differently (docs/sql.md, "Differences from PostgreSQL"): a date difference, a month truncation,
 * and a date plus an interval, which is a DATE in meshkit (as the SQL standard says) but a
 * timestamp in PostgreSQL.
 */
final class AnalyticQueries {

  /** One query; {@code ordered} when its outermost level has an ORDER BY (always a total order here). */
  record Query(String name, String mesh, String postgres) {

    String forMesh(Map<String, String> tables) {
      return substitute(mesh, tables);
    }

    String forPostgres(Map<String, String> tables) {
      return substitute(postgres, tables);
    }

    boolean ordered() {
      int depth = 0;
      String upper = mesh.toUpperCase(java.util.Locale.ROOT);
      for (int i = 0; i < upper.length(); i++) {
        char ch = upper.charAt(i);
        if (ch == '(') {
          depth++;
        } else if (ch == ')') {
          depth--;
        } else if (depth == 0 && upper.startsWith("ORDER BY", i)) {
          return true;
        }
      }
      return false;
    }

    private static String substitute(String sql, Map<String, String> tables) {
      String text = sql;
      for (Map.Entry<String, String> table : tables.entrySet()) {
        text = text.replace("{" + table.getKey() + "}", table.getValue());
      }
      return text;
    }
  }

  private AnalyticQueries() {
  }

  private static Query q(String name, String sql) {
    return new Query(name, sql, sql);
  }

  private static Query q(String name, String mesh, String postgres) {
    return new Query(name, mesh, postgres);
  }

  /** Revenue of a line, as an expression over the alias {@code l}. */
  private static final String REVENUE = "l.qty * l.unit_price * (1 - l.discount)";

  static List<Query> all() {
    return List.of(
        // Window functions: ranking.
        q("row_number per customer",
            "SELECT customer_id, id, ROW_NUMBER() OVER (PARTITION BY customer_id ORDER BY order_date, id) AS rn"
                + " FROM {orders}"),
        q("rank and dense_rank by price",
            "SELECT id, category, price, RANK() OVER (PARTITION BY category ORDER BY price DESC) AS r,"
                + " DENSE_RANK() OVER (PARTITION BY category ORDER BY size DESC) AS dr FROM {products}"),
        q("ntile over credit with nulls first",
            "SELECT id, credit, NTILE(4) OVER (ORDER BY credit NULLS FIRST, id) AS quartile FROM {customers}"),
        q("lag and lead per customer",
            "SELECT id, customer_id, LAG(order_date) OVER (PARTITION BY customer_id ORDER BY order_date, id) AS previous_date,"
                + " LEAD(id, 1, -1) OVER (PARTITION BY customer_id ORDER BY order_date, id) AS next_id FROM {orders}"),
        q("first_value and last_value with a full frame",
            "SELECT id, category, FIRST_VALUE(name) OVER (PARTITION BY category ORDER BY price, id) AS cheapest,"
                + " LAST_VALUE(name) OVER (PARTITION BY category ORDER BY price, id"
                + " ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS dearest FROM {products}"),
        q("running sum per customer",
            "SELECT customer_id, id, SUM(priority) OVER (PARTITION BY customer_id ORDER BY order_date, id) AS running_sum"
                + " FROM {orders}"),
        q("moving sum over a rows frame",
            "SELECT order_id, line_no, SUM(qty) OVER (ORDER BY order_id, line_no"
                + " ROWS BETWEEN 2 PRECEDING AND 1 FOLLOWING) AS moving FROM {lines}"),
        q("numeric range frame",
            "SELECT id, size, COUNT(*) OVER (ORDER BY size RANGE BETWEEN 5 PRECEDING AND CURRENT ROW) AS near,"
                + " SUM(price) OVER (PARTITION BY category ORDER BY size) AS to_size FROM {products}"),
        q("date range frame of a week",
            "SELECT id, order_date, COUNT(*) OVER (ORDER BY order_date"
                + " RANGE BETWEEN INTERVAL '7' DAY PRECEDING AND CURRENT ROW) AS last_week FROM {orders}"),
        q("average over integers in a window",
            "SELECT order_id, line_no, AVG(qty) OVER (PARTITION BY product_id) AS avg_qty,"
                + " MAX(unit_price) OVER (PARTITION BY product_id) AS top_price FROM {lines}"),
        q("percent_rank and cume_dist",
            "SELECT id, PERCENT_RANK() OVER (ORDER BY price) AS pr, CUME_DIST() OVER (PARTITION BY category"
                + " ORDER BY size) AS cd FROM {products}"),
        q("top three per category",
            "SELECT category, id, price FROM (SELECT category, id, price, ROW_NUMBER() OVER"
                + " (PARTITION BY category ORDER BY price DESC, id) AS rn FROM {products}) AS t WHERE rn <= 3"
                + " ORDER BY category, price DESC, id"),
        q("named window with a running maximum",
            "SELECT id, MAX(ship_date) OVER w AS latest, COUNT(ship_date) OVER w AS shipped FROM {orders}"
                + " WINDOW w AS (ORDER BY id ROWS UNBOUNDED PRECEDING)"),
        q("rank of customers by revenue within a city, across three sources",
            "SELECT c.city, o.customer_id, SUM(" + REVENUE + ") AS revenue,"
                + " RANK() OVER (PARTITION BY c.city ORDER BY SUM(" + REVENUE + ") DESC) AS city_rank"
                + " FROM {orders} o JOIN {customers} c ON c.id = o.customer_id JOIN {lines} l ON l.order_id = o.id"
                + " GROUP BY c.city, o.customer_id"),
        q("share of a category's quantity, partitioned over a join",
            "SELECT p.category, p.id, SUM(l.qty) AS qty, SUM(SUM(l.qty)) OVER (PARTITION BY p.category) AS category_qty,"
                + " 100.0 * SUM(l.qty) / SUM(SUM(l.qty)) OVER (PARTITION BY p.category) AS pct"
                + " FROM {lines} l JOIN {products} p ON p.id = l.product_id GROUP BY p.category, p.id"),
        q("row_number over a join of three sources",
            "SELECT o.id, l.line_no, s.country, ROW_NUMBER() OVER (PARTITION BY s.country ORDER BY o.order_date,"
                + " o.id, l.line_no) AS rn FROM {orders} o JOIN {lines} l ON l.order_id = o.id"
                + " JOIN {products} p ON p.id = l.product_id JOIN {suppliers} s ON s.id = p.supplier_id"
                + " WHERE o.priority = 1"),

        // GROUPING SETS, ROLLUP and CUBE.
        q("rollup with grouping",
            "SELECT category, brand, COUNT(*) AS n, SUM(price) AS total, GROUPING(category) AS gc, GROUPING(brand) AS gb"
                + " FROM {products} GROUP BY ROLLUP(category, brand)"),
        q("cube over a join of two sources",
            "SELECT c.city, o.status, COUNT(*) AS n, GROUPING(c.city, o.status) AS g FROM {orders} o"
                + " JOIN {customers} c ON c.id = o.customer_id GROUP BY CUBE(c.city, o.status)"),
        q("grouping sets over three sources",
            "SELECT s.country, p.category, SUM(l.qty) AS qty, COUNT(*) AS n FROM {lines} l"
                + " JOIN {products} p ON p.id = l.product_id JOIN {suppliers} s ON s.id = p.supplier_id"
                + " GROUP BY GROUPING SETS ((s.country), (p.category), ())"),
        q("rollup with a having and grouping in a case",
            "SELECT CASE WHEN GROUPING(status) = 1 THEN 'all' ELSE status END AS status_or_all, priority, COUNT(*) AS n"
                + " FROM {orders} GROUP BY ROLLUP(status, priority) HAVING COUNT(*) > 20"),
        q("grouping sets with integer averages and null keys",
            "SELECT city, segment, GROUPING(segment) AS gs, AVG(age) AS avg_age, COUNT(*) AS n FROM {customers}"
                + " GROUP BY GROUPING SETS ((city), (segment), (city, segment))"),
        q("rollup of extracted year and quarter",
            "SELECT EXTRACT(YEAR FROM order_date) AS y, EXTRACT(QUARTER FROM order_date) AS qtr, COUNT(*) AS n"
                + " FROM {orders} GROUP BY ROLLUP(EXTRACT(YEAR FROM order_date), EXTRACT(QUARTER FROM order_date))"),

        // INTERSECT and EXCEPT.
        q("intersect across sources",
            "SELECT customer_id FROM {orders} INTERSECT SELECT id FROM {customers} WHERE credit > 1000"),
        q("except across sources",
            "SELECT id FROM {customers} EXCEPT SELECT customer_id FROM {orders} WHERE status = 'returned'"),
        q("intersect all across sources",
            "SELECT product_id FROM {lines} WHERE qty > 45 INTERSECT ALL SELECT p.id FROM {products} p"
                + " JOIN {lines} l ON l.product_id = p.id WHERE p.price < 150"),
        q("except all across sources",
            "SELECT supplier_id FROM {products} EXCEPT ALL SELECT id FROM {suppliers} WHERE rating >= 3"),
        q("except all in one source",
            "SELECT customer_id FROM {orders} WHERE status = 'shipped' EXCEPT ALL"
                + " SELECT customer_id FROM {orders} WHERE priority > 2"),
        q("union then except, with nulls",
            "(SELECT segment FROM {customers} UNION SELECT category FROM {products}) EXCEPT SELECT 'books'"),

        // Scalar and correlated subqueries.
        q("scalar subquery in the select list",
            "SELECT id, price, price - (SELECT AVG(price) FROM {products}) AS above FROM {products}"
                + " WHERE category = 'toys'"),
        q("correlated count per customer across sources",
            "SELECT c.id, (SELECT COUNT(*) FROM {orders} o WHERE o.customer_id = c.id) AS orders FROM {customers} c"),
        q("correlated average within a category",
            "SELECT id, category, price FROM {products} p"
                + " WHERE price > (SELECT AVG(p2.price) FROM {products} p2 WHERE p2.category = p.category)"),
        q("correlated sum across sources in a filter",
            "SELECT o.id FROM {orders} o WHERE (SELECT SUM(l.qty) FROM {lines} l WHERE l.order_id = o.id) > 100"),
        q("exists across sources",
            "SELECT c.id FROM {customers} c WHERE EXISTS (SELECT 1 FROM {orders} o WHERE o.customer_id = c.id"
                + " AND o.status = 'returned')"),
        q("not exists across sources",
            "SELECT p.id FROM {products} p WHERE NOT EXISTS (SELECT 1 FROM {lines} l WHERE l.product_id = p.id"
                + " AND l.qty > 45)"),
        q("not in across sources",
            "SELECT id FROM {suppliers} WHERE id NOT IN (SELECT supplier_id FROM {products} WHERE category = 'toys')"),
        q("not in whose subquery holds nulls",
            "SELECT id FROM {customers} WHERE age NOT IN (SELECT rating + 17 FROM {suppliers})"),
        q("not in of non-null values",
            "SELECT id FROM {customers} WHERE age NOT IN (SELECT rating * 10 FROM {suppliers} WHERE rating IS NOT NULL)"
                + " AND city = 'Erie'"),
        q("in over a join of two other sources",
            "SELECT o.id, o.customer_id FROM {orders} o WHERE o.id IN (SELECT l.order_id FROM {lines} l"
                + " JOIN {products} p ON p.id = l.product_id WHERE p.category = 'garden' AND l.qty > 40)"),
        q("exists and not exists over four sources",
            "SELECT c.id, c.name FROM {customers} c WHERE EXISTS (SELECT 1 FROM {orders} o JOIN {lines} l"
                + " ON l.order_id = o.id JOIN {products} p ON p.id = l.product_id JOIN {suppliers} s ON s.id = p.supplier_id"
                + " WHERE o.customer_id = c.id AND s.country = 'DE') AND NOT EXISTS (SELECT 1 FROM {orders} o"
                + " JOIN {lines} l ON l.order_id = o.id JOIN {products} p ON p.id = l.product_id"
                + " WHERE o.customer_id = c.id AND p.category = 'toys')"),
        q("suppliers count, TPC-H Q16 shape over three sources",
            "SELECT p.brand, p.category, p.size, COUNT(DISTINCT o.customer_id) AS customer_cnt"
                + " FROM {lines} l JOIN {products} p ON p.id = l.product_id JOIN {orders} o ON o.id = l.order_id"
                + " WHERE p.brand <> 'Brand#11' AND p.size IN (1, 6, 11, 16, 21)"
                + " AND p.supplier_id NOT IN (SELECT id FROM {suppliers} WHERE note LIKE '%Customer%Complaints%')"
                + " GROUP BY p.brand, p.category, p.size ORDER BY customer_cnt DESC, p.brand, p.category, p.size"),

        // COUNT(DISTINCT) beside other aggregates.
        q("several count distinct beside other aggregates",
            "SELECT status, COUNT(DISTINCT customer_id) AS customers, COUNT(DISTINCT priority) AS priorities,"
                + " COUNT(*) AS n, SUM(priority) AS sp, AVG(priority) AS ap FROM {orders} GROUP BY status"),
        q("count distinct over three sources by city",
            "SELECT c.city, COUNT(DISTINCT o.id) AS orders, COUNT(DISTINCT l.product_id) AS products,"
                + " SUM(l.qty) AS qty, MAX(l.unit_price) AS top FROM {customers} c JOIN {orders} o ON o.customer_id = c.id"
                + " JOIN {lines} l ON l.order_id = o.id GROUP BY c.city"),
        q("count distinct without grouping across sources",
            "SELECT COUNT(DISTINCT p.category) AS categories, COUNT(DISTINCT s.country) AS countries, COUNT(*) AS n,"
                + " AVG(p.size) AS avg_size FROM {products} p JOIN {suppliers} s ON s.id = p.supplier_id"),
        q("count distinct with having",
            "SELECT product_id, COUNT(DISTINCT order_id) AS orders, SUM(qty) AS qty FROM {lines} GROUP BY product_id"
                + " HAVING COUNT(DISTINCT order_id) >= 35"),
        q("count distinct of an expression over two sources",
            "SELECT p.category, COUNT(DISTINCT EXTRACT(MONTH FROM o.order_date)) AS months,"
                + " COUNT(DISTINCT o.customer_id) AS customers FROM {orders} o JOIN {lines} l ON l.order_id = o.id"
                + " JOIN {products} p ON p.id = l.product_id GROUP BY p.category"),

        // CTEs.
        q("cte of revenue per order",
            "WITH revenue AS (SELECT l.order_id, SUM(" + REVENUE + ") AS amount FROM {lines} l GROUP BY l.order_id)"
                + " SELECT o.customer_id, SUM(r.amount) AS total, COUNT(*) AS n FROM {orders} o"
                + " JOIN revenue r ON r.order_id = o.id GROUP BY o.customer_id"),
        q("two ctes, one referenced twice",
            "WITH per_customer AS (SELECT o.customer_id, SUM(l.qty) AS qty FROM {orders} o"
                + " JOIN {lines} l ON l.order_id = o.id GROUP BY o.customer_id),"
                + " overall AS (SELECT AVG(qty) AS avg_qty FROM per_customer)"
                + " SELECT customer_id, qty FROM per_customer WHERE qty > (SELECT avg_qty FROM overall)"
                + " AND qty < 2 * (SELECT avg_qty FROM overall)"),
        q("cte joined to itself",
            "WITH yearly AS (SELECT customer_id, EXTRACT(YEAR FROM order_date) AS y, COUNT(*) AS n FROM {orders}"
                + " GROUP BY customer_id, EXTRACT(YEAR FROM order_date))"
                + " SELECT a.customer_id, a.y, a.n, b.n AS next_n FROM yearly a JOIN yearly b"
                + " ON b.customer_id = a.customer_id AND b.y = a.y + 1 WHERE b.n > a.n"),
        q("cte with a window, month over month",
            "WITH monthly AS (SELECT EXTRACT(YEAR FROM order_date) AS y, EXTRACT(MONTH FROM order_date) AS m,"
                + " COUNT(*) AS n FROM {orders} GROUP BY EXTRACT(YEAR FROM order_date), EXTRACT(MONTH FROM order_date))"
                + " SELECT y, m, n, n - LAG(n) OVER (ORDER BY y, m) AS change FROM monthly ORDER BY y, m"),
        q("cte referenced twice in a union",
            "WITH big AS (SELECT l.order_id, l.product_id, l.qty FROM {lines} l WHERE l.qty >= 48)"
                + " SELECT 'order' AS kind, order_id AS id FROM big UNION ALL SELECT 'product', product_id FROM big"),

        // CASE.
        q("case bands with aggregates",
            "SELECT CASE WHEN price < 100 THEN 'low' WHEN price < 300 THEN 'mid' ELSE 'high' END AS band,"
                + " COUNT(*) AS n, AVG(price) AS avg_price, MIN(weight) AS lightest FROM {products}"
                + " GROUP BY CASE WHEN price < 100 THEN 'low' WHEN price < 300 THEN 'mid' ELSE 'high' END"),
        q("conditional aggregation across sources",
            "SELECT c.city, SUM(CASE WHEN o.status = 'open' THEN 1 ELSE 0 END) AS open_orders,"
                + " COUNT(CASE WHEN o.status = 'shipped' THEN 1 END) AS shipped,"
                + " 100.0 * SUM(CASE WHEN o.status = 'returned' THEN 1 ELSE 0 END) / COUNT(*) AS returned_pct"
                + " FROM {orders} o JOIN {customers} c ON c.id = o.customer_id GROUP BY c.city"),
        q("simple case with nulls",
            "SELECT id, CASE segment WHEN 'retail' THEN 1 WHEN 'online' THEN 2 END AS code,"
                + " COALESCE(segment, 'none') AS seg FROM {customers} WHERE id <= 40"),
        q("case in order by with limit",
            "SELECT id, status, priority FROM {orders} ORDER BY CASE status WHEN 'open' THEN 0 ELSE 1 END,"
                + " priority DESC, id LIMIT 25"),

        // Dates and intervals.
        q("date plus an interval",
            "SELECT id, order_date + INTERVAL '30' DAY AS due FROM {orders} WHERE ship_date > order_date + INTERVAL '20' DAY",
            "SELECT id, CAST(order_date + INTERVAL '30' DAY AS DATE) AS due FROM {orders}"
                + " WHERE ship_date > order_date + INTERVAL '20' DAY"),
        q("date minus a month at the month's end",
            "SELECT id, order_date - INTERVAL '1' MONTH AS month_before, order_date + INTERVAL '1' YEAR AS year_after"
                + " FROM {orders} WHERE EXTRACT(DAY FROM order_date) >= 29",
            "SELECT id, CAST(order_date - INTERVAL '1' MONTH AS DATE) AS month_before,"
                + " CAST(order_date + INTERVAL '1' YEAR AS DATE) AS year_after"
                + " FROM {orders} WHERE EXTRACT(DAY FROM order_date) >= 29"),
        q("extract parts",
            "SELECT EXTRACT(YEAR FROM order_date) AS y, EXTRACT(MONTH FROM order_date) AS m,"
                + " EXTRACT(DOY FROM order_date) AS doy, EXTRACT(ISODOW FROM order_date) AS isodow,"
                + " EXTRACT(DOW FROM order_date) AS dow, EXTRACT(WEEK FROM order_date) AS wk, id"
                + " FROM {orders} WHERE id <= 60"),
        q("signups by day of the week and week of the year, in H2",
            "SELECT EXTRACT(DOW FROM signup) AS dow, COUNT(*) AS n, MIN(EXTRACT(WEEK FROM signup)) AS first_week,"
                + " COUNT(DISTINCT EXTRACT(ISOYEAR FROM signup)) AS iso_years FROM {customers}"
                + " GROUP BY EXTRACT(DOW FROM signup)"),
        q("average days to ship",
            "SELECT status, AVG(TIMESTAMPDIFF(DAY, order_date, ship_date)) AS avg_days,"
                + " MAX(TIMESTAMPDIFF(DAY, order_date, ship_date)) AS max_days FROM {orders} GROUP BY status",
            "SELECT status, AVG(ship_date - order_date) AS avg_days, MAX(ship_date - order_date) AS max_days"
                + " FROM {orders} GROUP BY status"),
        q("orders per month",
            "SELECT FLOOR(order_date TO MONTH) AS order_month, COUNT(*) AS n, COUNT(DISTINCT customer_id) AS customers"
                + " FROM {orders} GROUP BY FLOOR(order_date TO MONTH)",
            "SELECT CAST(DATE_TRUNC('month', order_date) AS DATE) AS order_month, COUNT(*) AS n,"
                + " COUNT(DISTINCT customer_id) AS customers FROM {orders} GROUP BY DATE_TRUNC('month', order_date)"),
        q("orders within a year of signup, across sources",
            "SELECT c.id, COUNT(*) AS n FROM {customers} c JOIN {orders} o ON o.customer_id = c.id"
                + " WHERE o.order_date < c.signup + INTERVAL '1' YEAR AND o.order_date >= c.signup GROUP BY c.id"),
        q("days since the previous order",
            "SELECT id, TIMESTAMPDIFF(DAY, LAG(order_date) OVER (PARTITION BY customer_id ORDER BY order_date, id),"
                + " order_date) AS gap FROM {orders}",
            "SELECT id, order_date - LAG(order_date) OVER (PARTITION BY customer_id ORDER BY order_date, id) AS gap"
                + " FROM {orders}"),
        q("date literals and between",
            "SELECT status, COUNT(*) AS n FROM {orders} WHERE order_date BETWEEN DATE '2023-03-01' AND DATE '2023-05-31'"
                + " AND ship_date < DATE '2023-06-01' GROUP BY status"),

        // NULLS FIRST and LAST.
        q("nulls first", "SELECT id, segment FROM {customers} ORDER BY segment NULLS FIRST, id"),
        q("descending, nulls last, with limit",
            "SELECT id, credit FROM {customers} ORDER BY credit DESC NULLS LAST, id LIMIT 20"),
        q("default null order in a database that sorts them first",
            "SELECT id, rating FROM {suppliers} ORDER BY rating, id"),
        q("nulls first in a window's order",
            "SELECT id, weight, ROW_NUMBER() OVER (ORDER BY weight NULLS FIRST, id) AS rn FROM {products}"),
        q("descending dates with limit and offset",
            "SELECT id, ship_date FROM {orders} ORDER BY ship_date DESC, id LIMIT 15 OFFSET 90"),

        // AVG over integers, decimal division, sums over computed columns.
        q("average of integers in MariaDB",
            "SELECT product_id, AVG(qty) AS avg_qty, AVG(discount) AS avg_discount FROM {lines} GROUP BY product_id"),
        q("average of integers in a CSV file",
            "SELECT category, AVG(size) AS avg_size, AVG(weight) AS avg_weight FROM {products} GROUP BY category"),
        q("average of integers in H2",
            "SELECT city, AVG(age) AS avg_age, AVG(credit) AS avg_credit FROM {customers} GROUP BY city"),
        q("decimal division",
            "SELECT id, price / size AS per_size, price / 3 AS third, price / 7.0 AS seventh FROM {products}"),
        q("decimal division of sums across sources",
            "SELECT p.category, SUM(" + REVENUE + ") / SUM(l.qty) AS avg_unit,"
                + " SUM(l.unit_price * l.discount) / SUM(l.unit_price) AS discount_ratio"
                + " FROM {lines} l JOIN {products} p ON p.id = l.product_id GROUP BY p.category"),
        q("decimal division by a decimal column",
            "SELECT id, credit / 7 AS a, 1000 / credit AS b, credit / (age * 1.0) AS c FROM {customers}"
                + " WHERE credit > 0"),
        q("sums over computed columns in H2",
            "SELECT segment, SUM(age * 2) AS a, SUM(credit * (1 - 0.1)) AS b,"
                + " SUM(CASE WHEN credit IS NULL THEN 1 ELSE 0 END) AS c, AVG(age + 0.5) AS d, SUM(age - age) AS e"
                + " FROM {customers} GROUP BY segment"),
        q("sums over computed columns in MariaDB and PostgreSQL",
            "SELECT o.status, SUM(l.qty * l.unit_price) AS gross, SUM(" + REVENUE + ") AS net,"
                + " AVG(l.qty * 2) AS avg_double_qty, SUM(o.priority * l.qty) AS weighted"
                + " FROM {orders} o JOIN {lines} l ON l.order_id = o.id GROUP BY o.status"),
        q("integer division of aggregates",
            "SELECT product_id, SUM(qty) / COUNT(*) AS int_avg, SUM(qty) % 7 AS rest FROM {lines} GROUP BY product_id"),

        // HAVING, LIMIT and OFFSET.
        q("having on a count",
            "SELECT customer_id, COUNT(*) AS n FROM {orders} GROUP BY customer_id HAVING COUNT(*) >= 12"),
        q("having on an average across sources",
            "SELECT p.category, p.brand, AVG(l.qty) AS avg_qty FROM {lines} l JOIN {products} p ON p.id = l.product_id"
                + " GROUP BY p.category, p.brand HAVING AVG(l.qty) > 26"),
        q("having against a scalar subquery",
            "SELECT o.customer_id, SUM(l.qty) AS qty FROM {orders} o JOIN {lines} l ON l.order_id = o.id"
                + " GROUP BY o.customer_id HAVING SUM(l.qty) > (SELECT 2 * AVG(qty) * 8 FROM {lines})"),
        q("limit and offset",
            "SELECT id, price FROM {products} ORDER BY price DESC, id LIMIT 5 OFFSET 10"),
        q("top customers by revenue across three sources",
            "SELECT c.name, SUM(" + REVENUE + ") AS revenue FROM {customers} c JOIN {orders} o ON o.customer_id = c.id"
                + " JOIN {lines} l ON l.order_id = o.id GROUP BY c.name ORDER BY revenue DESC, c.name LIMIT 10"),
        q("offset without limit", "SELECT id, name FROM {suppliers} ORDER BY id OFFSET 20"),
        q("aggregate over a limited derived table",
            "SELECT COUNT(*) AS n, SUM(price) AS total, AVG(size) AS avg_size FROM"
                + " (SELECT price, size FROM {products} ORDER BY price, id LIMIT 30) AS cheapest"),

        // Mixed: what meets several of the above at once.
        q("rank by text in MariaDB, which compares text by collation",
            "SELECT id, name, RANK() OVER (PARTITION BY country ORDER BY note DESC, name) AS r FROM {suppliers}"),
        q("frames ahead of the current row",
            "SELECT id, SUM(price) OVER (ORDER BY id ROWS BETWEEN CURRENT ROW AND 2 FOLLOWING) AS ahead,"
                + " COUNT(*) OVER (ORDER BY size RANGE BETWEEN CURRENT ROW AND UNBOUNDED FOLLOWING) AS larger,"
                + " LEAD(price, 2, 0) OVER (ORDER BY id) AS second_next FROM {products}"),
        q("running sum of decimals in H2",
            "SELECT id, SUM(credit) OVER (ORDER BY signup, id) AS running_credit,"
                + " AVG(age) OVER (PARTITION BY city ORDER BY id ROWS BETWEEN 3 PRECEDING AND CURRENT ROW) AS avg_age"
                + " FROM {customers}"),
        q("distinct sums and averages beside count distinct",
            "SELECT category, SUM(DISTINCT size) AS sizes, AVG(DISTINCT size) AS avg_size, COUNT(DISTINCT brand) AS brands,"
                + " COUNT(*) AS n FROM {products} GROUP BY category"),
        q("standard deviation and variance of integers",
            "SELECT status, STDDEV_SAMP(priority) AS sd, VAR_POP(priority) AS vp FROM {orders} GROUP BY status"),
        q("a later order of the same customer, correlated on an inequality",
            "SELECT o.id FROM {orders} o WHERE o.priority = 5 AND NOT EXISTS (SELECT 1 FROM {orders} o2"
                + " WHERE o2.customer_id = o.customer_id AND o2.order_date > o.order_date)"),
        q("not in over text whose outer side holds nulls",
            "SELECT id FROM {customers} WHERE segment NOT IN (SELECT category FROM {products}) AND id < 60"),
        q("union all of four sources, grouped",
            "SELECT kind, COUNT(*) AS n, COUNT(DISTINCT id) AS ids FROM (SELECT 'customer' AS kind, id FROM {customers}"
                + " UNION ALL SELECT 'product', id FROM {products} UNION ALL SELECT 'supplier', id FROM {suppliers}"
                + " UNION ALL SELECT 'order', id FROM {orders}) AS everything GROUP BY kind"),
        q("an interval times a column",
            "SELECT id, order_date + INTERVAL '1' DAY * priority AS promised FROM {orders} WHERE id <= 50",
            "SELECT id, CAST(order_date + INTERVAL '1' DAY * priority AS DATE) AS promised FROM {orders} WHERE id <= 50"),
        q("a window over a cte joined to another source",
            "WITH ranked AS (SELECT id, customer_id, ROW_NUMBER() OVER (PARTITION BY customer_id ORDER BY order_date DESC,"
                + " id) AS recency FROM {orders}) SELECT c.city, COUNT(*) AS latest_orders, AVG(c.age) AS avg_age"
                + " FROM ranked r JOIN {customers} c ON c.id = r.customer_id WHERE r.recency = 1 GROUP BY c.city"),
        q("a window over a union",
            "SELECT src, id, RANK() OVER (PARTITION BY src ORDER BY d DESC, id) AS r FROM (SELECT 'signup' AS src, id,"
                + " signup AS d FROM {customers} UNION ALL SELECT 'order', id, order_date FROM {orders}) AS events"
                + " WHERE id <= 30"),
        q("decimal division in having and order by",
            "SELECT p.category, SUM(l.qty * l.unit_price) / COUNT(DISTINCT l.order_id) AS per_order FROM {lines} l"
                + " JOIN {products} p ON p.id = l.product_id GROUP BY p.category"
                + " HAVING SUM(l.qty * l.unit_price) / COUNT(DISTINCT l.order_id) > 100 ORDER BY per_order DESC"),
        q("a case mixing decimals and integers, and coalesce of dates",
            "SELECT id, CASE WHEN status = 'open' THEN 0 ELSE priority * 1.5 END AS weight,"
                + " COALESCE(ship_date, order_date) AS some_date FROM {orders} WHERE id <= 40"),
        q("in over a grouped subquery with a having, across sources",
            "SELECT id, name FROM {customers} WHERE id IN (SELECT o.customer_id FROM {orders} o JOIN {lines} l"
                + " ON l.order_id = o.id GROUP BY o.customer_id HAVING COUNT(DISTINCT l.product_id) > 28)"),
        q("a scalar subquery that finds no row",
            "SELECT id, (SELECT MAX(o.order_date) FROM {orders} o WHERE o.customer_id = c.id AND o.priority > 5) AS never"
                + " FROM {customers} c WHERE id <= 10"),
        q("cube of extracted parts over two sources",
            "SELECT EXTRACT(YEAR FROM o.order_date) AS y, c.segment, COUNT(*) AS n, GROUPING(c.segment) AS gs"
                + " FROM {orders} o JOIN {customers} c ON c.id = o.customer_id"
                + " GROUP BY CUBE(EXTRACT(YEAR FROM o.order_date), c.segment)"),
        q("nulls last on text in MariaDB with limit",
            "SELECT l.order_id, l.line_no, s.note FROM {suppliers} s RIGHT JOIN {products} p"
                + " ON p.supplier_id = s.id AND s.rating > 3 JOIN {lines} l ON l.product_id = p.id"
                + " ORDER BY s.note DESC NULLS LAST, l.order_id, l.line_no LIMIT 30"));
  }
}
