-- Shop schema for the fixture tests.
CREATE TABLE customers(
  id INT PRIMARY KEY,
  name VARCHAR(40),
  phone VARCHAR(20),
  region VARCHAR(10),
  vip BOOLEAN,
  since DATE
);

CREATE TABLE orders(id INT PRIMARY KEY, customer_id INT, amount DECIMAL(10,2), placed TIMESTAMP, note VARCHAR(40));
