package dev.todo.app;

import ch.qos.logback.core.spi.ContextAwareBase;
import ch.qos.logback.core.spi.LifeCycle;
import ch.qos.logback.core.status.Status;
import ch.qos.logback.core.status.StatusListener;

/**
 * Logback's own status: errors (a broken configuration, an appender that cannot write) go to standard error;
 * information and warnings do not. Without a listener, one warning makes logback print every status line of its
 * configuration to standard output, in the middle of the service's log (and of its JSON lines).
 */
public final class LogbackErrors extends ContextAwareBase implements StatusListener, LifeCycle {

    private volatile boolean started;

    @Override
    public void addStatusEvent(Status status) {
        if (status.getEffectiveLevel() >= Status.ERROR) {
            System.err.println("logback: " + status);
        }
    }

    @Override
    public void start() {
        started = true;
    }

    @Override
    public void stop() {
        started = false;
    }

    @Override
    public boolean isStarted() {
        return started;
    }
}
