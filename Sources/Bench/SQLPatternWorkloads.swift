/// Workloads for the database patterns: SQL run through Python's `sqlite3` module (the
/// same SQLite library verify links), so they are sampled in fresh worker processes like
/// every other workload and pay the per-statement cost an application pays.
struct SQLPatternWorkloads: Sendable {
    var scale: Double

    func benchmark(for pattern: String) -> BenchmarkSpec? {
        switch pattern {
        case "index-select": indexOnSelect()
        case "index-insert": indexOnInsert()
        case "bulk-insert": bulkInsert()
        case "connection-pool": connectionPool()
        default: nil
        }
    }

    private func size(_ base: Int) -> Int { scaled(base, by: scale) }

    /// A table of orders with random customers, filled the same way on both sides.
    private var ordersTable: String {
        """
        import random, sqlite3

        def orders_table(indexed):
            rng = random.Random(7)
            connection = sqlite3.connect(':memory:')
            connection.execute('CREATE TABLE orders (id INTEGER PRIMARY KEY, customer INTEGER, total REAL)')
            connection.executemany(
                'INSERT INTO orders (customer, total) VALUES (?, ?)',
                [(rng.randrange(5000), rng.random() * 100) for _ in range(\(size(20_000)))])
            if indexed:
                connection.execute('CREATE INDEX orders_customer ON orders (customer)')
            connection.commit()
            return connection
        """
    }

    private func indexOnSelect() -> BenchmarkSpec {
        let lookups = """
            KEYS = [random.Random(11).randrange(5000) for _ in range(20)]

            def lookups():
                for key in KEYS:
                    orders.execute('SELECT count(*), sum(total) FROM orders WHERE customer = ?', (key,)).fetchone()
            """
        return pair(
            "index-select", "20 SELECTs filtering on an indexed vs. an unindexed column",
            Workload("indexed", setup: ordersTable + "\norders = orders_table(True)\n" + lookups, body: "lookups()"),
            Workload("unindexed", setup: ordersTable + "\norders = orders_table(False)\n" + lookups, body: "lookups()"),
            metric: .cpu, expectation: .lower)
    }

    private func indexOnInsert() -> BenchmarkSpec {
        let setup = """
            import random, sqlite3

            ROWS = [(random.Random(7).randrange(1_000_000), 1.0) for _ in range(\(size(5_000)))]

            def insert(indexed):
                connection = sqlite3.connect(':memory:')
                connection.execute('CREATE TABLE orders (id INTEGER PRIMARY KEY, customer INTEGER, total REAL)')
                if indexed:
                    connection.execute('CREATE INDEX orders_customer ON orders (customer)')
                connection.executemany('INSERT INTO orders (customer, total) VALUES (?, ?)', ROWS)
                connection.commit()
                connection.close()
            """
        return pair(
            "index-insert", "INSERT of \(size(5_000)) rows into a table with vs. without an index",
            Workload("indexed", setup: setup, body: "insert(True)"), Workload("unindexed", setup: setup, body: "insert(False)"),
            metric: .cpu, expectation: .higher)
    }

    private func bulkInsert() -> BenchmarkSpec {
        let setup = """
            import sqlite3

            ROWS = [(i, 'item %d' % i) for i in range(\(size(2_000)))]

            def fresh():
                connection = sqlite3.connect(':memory:')
                connection.execute('CREATE TABLE items (id INTEGER, name TEXT)')
                return connection

            def bulk():
                connection = fresh()
                connection.executemany('INSERT INTO items VALUES (?, ?)', ROWS)
                connection.commit()
                connection.close()

            def row_by_row():
                connection = fresh()
                for row in ROWS:
                    connection.execute('INSERT INTO items VALUES (?, ?)', row)
                    connection.commit()
                connection.close()
            """
        return pair(
            "bulk-insert", "executemany in one transaction vs. one INSERT and COMMIT per row",
            Workload("bulk", setup: setup, body: "bulk()"), Workload("row-by-row", setup: setup, body: "row_by_row()"),
            metric: .cpu, expectation: .lower)
    }

    private func connectionPool() -> BenchmarkSpec {
        let setup = """
            import sqlite3

            PATH = 'verify_bench_pool.db'
            setup_connection = sqlite3.connect(PATH)
            setup_connection.execute('DROP TABLE IF EXISTS users')
            setup_connection.execute('CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT)')
            setup_connection.executemany('INSERT INTO users VALUES (?, ?)', [(i, 'user %d' % i) for i in range(1000)])
            setup_connection.commit()
            setup_connection.close()
            POOLED = sqlite3.connect(PATH)

            def pooled():
                for i in range(50):
                    POOLED.execute('SELECT name FROM users WHERE id = ?', (i,)).fetchone()

            def connect_each_time():
                for i in range(50):
                    connection = sqlite3.connect(PATH)
                    connection.execute('SELECT name FROM users WHERE id = ?', (i,)).fetchone()
                    connection.close()
            """
        var spec = pair(
            "connection-pool", "50 queries on one reused connection vs. a new connection each",
            Workload("pooled", setup: setup, body: "pooled()"),
            Workload("connect-each-time", setup: setup, body: "connect_each_time()"), metric: .cpu, expectation: .lower)
        spec.note = "a SQLite file stands in for a database server; a network connection costs more to open"
        return spec
    }
}
