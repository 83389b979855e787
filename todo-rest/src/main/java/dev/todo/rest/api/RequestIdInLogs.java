package dev.todo.rest.api;

import dev.todo.rest.error.Problem;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.propagation.ThreadPropagatedContextElement;
import org.slf4j.MDC;

/**
 * Puts the request's id in the log context ({@link MDC}, key {@link Problem#REQUEST_ID_LOG_KEY}) of every thread that
 * works on the request, and puts back what was there when it leaves. Only this one key: Micronaut's general
 * {@code MdcPropagationContext} copies the whole context map twice per thread switch, a few per cent of a read's time.
 */
record RequestIdInLogs(String id) implements ThreadPropagatedContextElement<RequestIdInLogs.Previous> {

    /** What the thread's log context held under the key before: a value, or none. */
    record Previous(@Nullable String id) {
    }

    @Override
    public Previous updateThreadContext() {
        Previous previous = new Previous(MDC.get(Problem.REQUEST_ID_LOG_KEY));
        MDC.put(Problem.REQUEST_ID_LOG_KEY, id);
        return previous;
    }

    @Override
    public void restoreThreadContext(Previous previous) {
        if (previous.id() == null) {
            MDC.remove(Problem.REQUEST_ID_LOG_KEY);
        } else {
            MDC.put(Problem.REQUEST_ID_LOG_KEY, previous.id());
        }
    }
}
