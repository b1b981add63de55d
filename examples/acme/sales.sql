-- The sales domain's ERP tables, loaded into an in-memory H2 database when the mesh loads.
CREATE TABLE customer(customer_id INT PRIMARY KEY, name VARCHAR(40), nation_id INT, phone VARCHAR(20));
CREATE TABLE orders(order_id INT PRIMARY KEY, customer_id INT, order_date DATE, amount DECIMAL(10,2));
INSERT INTO customer VALUES
  (1, 'Ann Arbor', 1, '+33 1 5550 1234'),
  (2, 'Bert Brandt', 2, '+49 30 5550 7788'),
  (3, 'Chie Chiba', 3, '+81 3 5550 4321'),
  (4, 'Dora Dias', 4, '+55 11 5550 9876'),
  (5, 'Emil Ernst', 2, '+49 89 5550 2468');
INSERT INTO orders VALUES
  (100, 1, DATE '2026-01-05', 120.50),
  (101, 1, DATE '2026-02-11', 35.00),
  (102, 2, DATE '2026-02-14', 410.00),
  (103, 3, DATE '2026-03-01', 89.90),
  (104, 4, DATE '2026-03-09', 15.25),
  (105, 5, DATE '2026-03-15', 250.00),
  (106, 2, DATE '2026-04-02', 60.00);
