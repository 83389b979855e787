package dev.todo.persistence;

import io.micronaut.context.ApplicationContext;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/** Starts the persistence adapter on a fresh test database, migrated by Liquibase as the service does at start. */
final class PostgresTestSupport {

    private PostgresTestSupport() {
    }

    static ApplicationContext start(TestPostgres.Database database) {
        Map<String, Object> properties = new HashMap<>(database.dataSourceProperties());
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
}
