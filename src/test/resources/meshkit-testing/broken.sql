-- A script with a typo on line 4.
CREATE TABLE customers(id INT PRIMARY KEY, name VARCHAR(40), phone VARCHAR(20), region VARCHAR(10));

INSERT INTO customer VALUES (1, 'Alice', '1', 'EU');
