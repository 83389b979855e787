package dev.todo.persistence;

import io.micronaut.context.ApplicationContext;
import java.util.HashMap;
import java.util.Map;

/** Starts the persistence adapter on a fresh test database, migrated by Liquibase as the service does at start. */
final class PostgresTestSupport {

    static final String CHANGELOG = "classpath:db/changelog/db.changelog-master.xml";

    private PostgresTestSupport() {
    }

    static ApplicationContext start(TestPostgres.Database database) {
        Map<String, Object> properties = new HashMap<>(database.dataSourceProperties());
        properties.put("datasources.default.maximum-pool-size", 8);
        properties.put("datasources.default.connection-timeout", 2000);
        properties.put("liquibase.datasources.default.change-log", CHANGELOG);
        return ApplicationContext.run(properties);
    }
}
