package dev.todo.app;

import dev.todo.domain.model.TenantId;
import dev.todo.domain.port.out.TodoEvents;
import dev.todo.rest.error.Problem;
import dev.todo.rest.error.UndecodableRequest;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.event.ApplicationEventListener;
import dev.todo.rest.api.RouteTemplates;
import dev.todo.rest.api.OpenConnections;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.config.MeterFilter;
import dev.todo.rest.error.ErrorCode;
import dev.todo.rest.error.ProblemResponses;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;

/**
 * The service's own metrics, beside Micronaut's (HTTP server timers, the connection pool, the JVM): todos created,
 * completed and deleted, told by the domain ({@link TodoEvents}), and problem responses by {@code error_code}. No
 * label ever holds a tenant, a token or a todo id.
 */
@Factory
class Metrics {

    /** Counts what the domain tells. */
    @Singleton
    static final class DomainCounters implements TodoEvents {

        private final Counter created;
        private final Counter completed;
        private final Counter deleted;

        DomainCounters(MeterRegistry registry) {
            // Not todo.todos.created: OpenMetrics reserves the _created suffix, and Prometheus would drop it.
            created = Counter.builder("todo.created.todos").description("Todos created").register(registry);
            completed = Counter.builder("todo.completed.todos").description("Open todos marked done")
                    .register(registry);
            deleted = Counter.builder("todo.deleted.todos").description("Todos deleted").register(registry);
        }

        @Override
        public void created(TenantId tenant) {
            created.increment();
        }

        @Override
        public void completed(TenantId tenant) {
            completed.increment();
        }

        @Override
        public void deleted(TenantId tenant, int count) {
            deleted.increment(count);
        }
    }

    /** Counts problem responses by error code: those of routes, and those of requests that could not be decoded. */
    @ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
    static final class ProblemCounter implements ApplicationEventListener<UndecodableRequest> {

        private final MeterRegistry registry;

        ProblemCounter(MeterRegistry registry) {
            this.registry = registry;
        }

        @ResponseFilter
        void count(HttpRequest<?> request, MutableHttpResponse<?> response) {
            if (response.getBody().orElse(null) instanceof Problem problem) {
                registry.counter("todo.problems", "error_code", problem.errorCode()).increment();
            }
        }

        /** The filter above never sees these. */
        @Override
        public void onApplicationEvent(UndecodableRequest event) {
            count(event.request(), event.response());
        }
    }

    /** The open HTTP connections, and those closed on arrival at the cap (TODO_HTTP_MAX_CONNECTIONS). */
    @Singleton
    static final class ConnectionMeters implements MeterBinder {

        private final OpenConnections connections;

        ConnectionMeters(OpenConnections connections) {
            this.connections = connections;
        }

        @Override
        public void bindTo(MeterRegistry registry) {
            Gauge.builder("todo.http.connections.open", connections, OpenConnections::open)
                    .description("HTTP connections open now").register(registry);
            Gauge.builder("todo.http.connections.max", connections, OpenConnections::max)
                    .description("The most HTTP connections open at once (TODO_HTTP_MAX_CONNECTIONS)")
                    .register(registry);
            FunctionCounter.builder("todo.http.connections.refused", connections, OpenConnections::refused)
                    .description("HTTP connections closed on arrival: the most allowed were open").register(registry);
        }
    }

    /** The units of work waiting in line for a turn at the database connections (docs/reliability.md). */
    @Singleton
    static final class AdmissionMeters implements MeterBinder {

        private final io.micronaut.context.BeanProvider<dev.todo.persistence.JdbcUnitOfWork> unitOfWork;

        AdmissionMeters(io.micronaut.context.BeanProvider<dev.todo.persistence.JdbcUnitOfWork> unitOfWork) {
            this.unitOfWork = unitOfWork;
        }

        @Override
        public void bindTo(MeterRegistry registry) {
            // Looked up when scraped, not now: the pool's metrics need the registry this binds to, so getting the
            // unit of work (and with it the pool) here would start the pool again from inside its own creation.
            if (unitOfWork.isPresent()) {
                Gauge.builder("todo.database.admission.waiting", unitOfWork, provider -> provider.get().waiting())
                        .description("Requests waiting in line for a database connection now "
                                + "(TODO_DATABASE_ADMISSION_TIMEOUT bounds the wait)").register(registry);
            }
        }
    }

    /** HTTP timers are labelled with the route as people write it, {@code /api/v1/todos/{id}}, as the log is. */
    @Singleton
    MeterFilter plainRoutes() {
        return MeterFilter.replaceTagValues("uri", uri -> uri.indexOf(':') < 0 ? uri : RouteTemplates.plain(uri));
    }

    /** No label names an exception class ({@code exception="ProblemException"}): status and route say enough. */
    @Singleton
    MeterFilter noExceptionNames() {
        return MeterFilter.ignoreTags("exception");
    }

    /**
     * With TODO_METRICS_TOKEN set, /prometheus answers only requests that carry it as a bearer token; any other is
     * 401 {@code UNAUTHENTICATED}. The comparison takes the same time whatever the token sent.
     */
    @ServerFilter({"/prometheus", "/prometheus/**"})
    static final class ScrapeToken {

        private final @Nullable byte[] expected;

        ScrapeToken(Settings settings) {
            this.expected = settings.metricsToken().map(t -> ("Bearer " + t).getBytes(StandardCharsets.UTF_8))
                    .orElse(null);
        }

        @RequestFilter
        @Nullable
        HttpResponse<?> check(HttpRequest<?> request) {
            if (expected == null) {
                return null;
            }
            List<String> given = request.getHeaders().getAll(HttpHeaders.AUTHORIZATION);
            if (given.size() == 1 && MessageDigest.isEqual(expected, given.get(0).getBytes(StandardCharsets.UTF_8))) {
                return null;
            }
            return ProblemResponses.problem(ErrorCode.UNAUTHENTICATED, "The metrics need the bearer token "
                    + "configured in TODO_METRICS_TOKEN.")
                    .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"metrics\"");
        }
    }
}
