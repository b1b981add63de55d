CREATE TABLE customers(id INT PRIMARY KEY, name VARCHAR(40), email VARCHAR(60), region VARCHAR(10));
CREATE TABLE orders(id INT PRIMARY KEY, customer_id INT REFERENCES customers(id), amount DECIMAL(10,2),
  placed DATE);
