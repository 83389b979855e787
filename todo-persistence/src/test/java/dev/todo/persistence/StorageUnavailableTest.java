package dev.todo.persistence;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.todo.domain.model.TenantId;
import dev.todo.domain.model.StorageUnavailableException;
import dev.todo.domain.port.out.UnitOfWork.Intent;
import io.micronaut.context.ApplicationContext;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A database that cannot be reached is reported as the domain's StorageUnavailableException. */
class StorageUnavailableTest {

    @Test
    void aDatabaseThatDoesNotAnswerIsUnavailableNotAnError() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        try (ApplicationContext context = ApplicationContext.run(Map.of(
                "datasources.default.url", "jdbc:postgresql://127.0.0.1:" + closedPort + "/todo",
                "datasources.default.username", "todo",
                "datasources.default.password", "",
                "datasources.default.dialect", "POSTGRES",
                "datasources.default.connection-timeout", 500,
                "datasources.default.initialization-fail-timeout", -1))) {
            JdbcUnitOfWork unitOfWork = context.getBean(JdbcUnitOfWork.class);
            JdbcTodoRepository repository = context.getBean(JdbcTodoRepository.class);
            TenantId alice = TenantId.of("alice");
            assertThatThrownBy(() -> unitOfWork.execute(alice, Intent.READ, () -> repository.findAll(alice)))
                    .isInstanceOf(StorageUnavailableException.class);
            assertThatThrownBy(() -> unitOfWork.execute(alice, Intent.WRITE, () -> repository.findAll(alice)))
                    .isInstanceOf(StorageUnavailableException.class);
        }
    }
}
