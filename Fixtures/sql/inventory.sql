-- Loaded by the <!-- verify: sql-fixture sql/inventory.sql --> directive in sql.md.
CREATE TABLE inventory (sku TEXT PRIMARY KEY, quantity INTEGER NOT NULL);
INSERT INTO inventory VALUES ('pen', 10), ('ink', 0), ('pad', 4);
