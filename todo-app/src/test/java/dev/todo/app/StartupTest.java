package dev.todo.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.todo.persistence.TestPostgres;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** What the service refuses and says while it starts, before any request. */
class StartupTest {

    private static final TestPostgres.Database DATABASE = TestPostgres.createDatabase();
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();

    @BeforeEach
    void listen() {
        root().addAppender(logs);
        logs.start();
    }

    @AfterEach
    void stopListening() {
        root().detachAppender(logs);
    }

    private static Logger root() {
        return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    }

    private static Settings settings(Settings.Auth auth) {
        return new Settings(Optional.of(ExternalDatabase.direct(TestApp.url(DATABASE))), null, Optional.empty(), auth,
                List.of());
    }

    /** Issue 14.1, ADR 0024: header mode that nobody asked for listens on localhost only. */
    @Test
    void headerModeByDefaultListensOnLocalhostOnly() {
        try (TodoApplication app = TestApp.start(settings(new Settings.Auth.Header(true)), Map.of())) {
            assertThat(app.context().getProperty("micronaut.server.host", String.class)).contains("localhost");
            assertThat(app.uri().getHost()).isEqualTo("localhost");
            assertThat(new Api(app.uri()).get("/health").send().status()).isEqualTo(200);
        }
    }

    /** Issue 14.1, ADR 0024: ... and refuses to start on any other address. */
    @Test
    void headerModeByDefaultOnAnAddressOtherThanLoopbackStopsTheStart() {
        for (String host : List.of("0.0.0.0", "::")) {
            assertThatThrownBy(() -> TestApp.start(settings(new Settings.Auth.Header(true)),
                    Map.of("micronaut.server.host", host)).close())
                    .isInstanceOf(StartupException.class).hasMessageContaining("TODO_AUTH_MODE")
                    .hasMessageContaining("'" + host + "'");
        }
        // Loopback addresses other than the name are fine.
        try (TodoApplication app = TestApp.start(settings(new Settings.Auth.Header(true)),
                Map.of("micronaut.server.host", "127.0.0.1"))) {
            assertThat(new Api(app.uri()).get("/health").send().status()).isEqualTo(200);
        }
    }

    /** Issue 14.1, ADR 0024: a host set outside the settings (here a system property) cannot widen it either. */
    @Test
    void headerModeByDefaultRefusesAnotherHostFromAnyPropertySource() {
        String before = System.getProperty("micronaut.server.host");
        System.setProperty("micronaut.server.host", "0.0.0.0");
        try {
            assertThatThrownBy(() -> TestApp.start(settings(new Settings.Auth.Header(true)), Map.of()).close())
                    .isInstanceOf(StartupException.class).hasMessageContaining("'0.0.0.0'");
        } finally {
            if (before == null) {
                System.clearProperty("micronaut.server.host");
            } else {
                System.setProperty("micronaut.server.host", before);
            }
        }
    }

    /** Issue 14.1, ADR 0024: TODO_AUTH_MODE=header asked for explicitly may listen everywhere (behind a gateway). */
    @Test
    void headerModeAskedForMayListenOnEveryInterface() {
        try (TodoApplication app = TestApp.start(settings(Settings.Auth.header()),
                Map.of("micronaut.server.host", "0.0.0.0"))) {
            assertThat(app.context().getProperty("micronaut.server.host", String.class)).contains("0.0.0.0");
        }
    }

    /** Issue 15.10: the warning about a missing TODO_TOKEN_SECRET is a start line, as the README says. */
    @Test
    void theWarningAboutAMissingTokenSecretIsWrittenAtStartNotAtTheFirstRequest() {
        try (TodoApplication app = TestApp.start(settings(Settings.Auth.header()), Map.of())) {
            assertThat(app).isNotNull();
            assertThat(logs.list).filteredOn(e -> e.getLevel() == Level.WARN)
                    .map(ILoggingEvent::getFormattedMessage)
                    .anySatisfy(line -> assertThat(line).startsWith("No TODO_TOKEN_SECRET"));
        }
    }
}
