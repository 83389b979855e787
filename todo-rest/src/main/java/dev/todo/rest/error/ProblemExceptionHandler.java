package dev.todo.rest.error;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

/** Answers a request refused by the REST adapter with the problem it describes. */
@Produces
@Singleton
@Requires(classes = {ProblemException.class, ExceptionHandler.class})
final class ProblemExceptionHandler implements ExceptionHandler<ProblemException, HttpResponse<Problem>> {

    @Override
    public HttpResponse<Problem> handle(HttpRequest request, ProblemException e) {
        MutableHttpResponse<Problem> response =
                ProblemResponses.problem(e.status(), e.code(), e.detail(), e.fieldErrors());
        e.headers().forEach(response.getHeaders()::set);
        return response;
    }
}
