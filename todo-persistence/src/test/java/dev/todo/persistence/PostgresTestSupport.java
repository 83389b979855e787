package dev.todo.persistence;

import io.micronaut.context.ApplicationContext;
import io.micronaut.transaction.TransactionOperations;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Starts the persistence adapter on a fresh test database, migrated by Liquibase as the service does at start. */
final class PostgresTestSupport {

    private PostgresTestSupport() {
    }

    static ApplicationContext start(TestPostgres.Database database) {
        return start(database, Map.of());
    }

    /** The same, with more properties. */
    static ApplicationContext start(TestPostgres.Database database, Map<String, Object> more) {
        Map<String, Object> properties = new HashMap<>(database.dataSourceProperties());
        properties.putAll(more);
        properties.put("datasources.default.maximum-pool-size", 8);
        properties.put("datasources.default.connection-timeout", 2000);
        migrate(database);
        return ApplicationContext.run(properties);
    }

    /** Migrates the database as the service does before it starts serving. */
    static void migrate(TestPostgres.Database database) {
        try (Connection connection = database.connect()) {
            SchemaMigrations.migrate(connection);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs SQL as the adapter runs its statements, in the unit of work on this thread: the first column of each row. */
    static List<String> strings(TenantStatements statements, String sql) {
        return statements.query(sql, PostgresTestSupport::firstColumn);
    }

    /** Runs raw SQL on the connection of the current transaction, past the adapter: the first column of each row. */
    static List<String> strings(TransactionOperations<Connection> transactions, String sql) {
        try (Statement s = transactions.getConnection().createStatement(); ResultSet rs = s.executeQuery(sql)) {
            return firstColumn(rs);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> firstColumn(ResultSet rs) throws SQLException {
        List<String> values = new ArrayList<>();
        while (rs.next()) {
            values.add(rs.getString(1));
        }
        return values;
    }
}
