package dev.todo.testkit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Concurrency helpers for the contracts. No test asserts on time: the limits below only keep a hang from lasting. */
final class Threads {

    /** How long a contract waits for work that should end, before it reports a hang. */
    static final long HANG_SECONDS = 120;

    private Threads() {
    }

    /**
     * Runs every task at once on its own thread, all released together, and returns their results in order. A task
     * that throws makes this throw its exception.
     */
    static <T> List<T> runTogether(List<Callable<T>> tasks) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(tasks.size());
        try {
            CountDownLatch ready = new CountDownLatch(tasks.size());
            CountDownLatch go = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (Callable<T> task : tasks) {
                futures.add(pool.submit(() -> {
                    ready.countDown();
                    go.await();
                    return task.call();
                }));
            }
            if (!ready.await(HANG_SECONDS, TimeUnit.SECONDS)) {
                throw new AssertionError("the threads did not start");
            }
            go.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(await(future));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    /** The result of {@code future}, or its exception unwrapped; an AssertionError if it hangs. */
    static <T> T await(Future<T> future) throws Exception {
        try {
            return future.get(HANG_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        } catch (TimeoutException e) {
            throw new AssertionError("no result after " + HANG_SECONDS + " s: a deadlock?", e);
        }
    }

    /** A task running on a thread of its own. */
    record Started<T>(Thread thread, FutureTask<T> future) {

        /** Its result, or its exception unwrapped; an AssertionError if it hangs. */
        T result() throws Exception {
            return await(future);
        }

        /**
         * Waits until the task is done, or until its thread has stopped to wait for something (a lock, a condition):
         * either way it has got as far as it can go while the caller holds what it holds.
         *
         * <p>A thread that waits for a database answers "runnable" while it waits on its socket; for such adapters
         * this returns only when the task is done, so the caller must not hold anything such a task needs to end.
         */
        void awaitDoneOrWaiting() {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(HANG_SECONDS);
            while (!future.isDone()) {
                Thread.State state = thread.getState();
                if (state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING
                        || state == Thread.State.BLOCKED) {
                    return;
                }
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("the other unit of work neither ended nor waited");
                }
                Thread.onSpinWait();
            }
        }

        /**
         * Like {@link #awaitDoneOrWaiting()}, but gives up after {@code most} (and returns all the same) for a task that
         * neither ends nor stops to wait: one that waits for a database on its socket while the caller holds what it
         * waits for. Nothing is asserted on the time: a correct adapter passes either way.
         */
        void awaitDoneOrWaitingAtMost(Duration most) {
            long deadline = System.nanoTime() + most.toNanos();
            while (!future.isDone() && System.nanoTime() < deadline) {
                Thread.State state = thread.getState();
                if (state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING
                        || state == Thread.State.BLOCKED) {
                    return;
                }
                Thread.onSpinWait();
            }
        }
    }

    /** Waits for a latch; an AssertionError if it hangs. */
    static void await(CountDownLatch latch) throws InterruptedException {
        if (!latch.await(HANG_SECONDS, TimeUnit.SECONDS)) {
            throw new AssertionError("no signal after " + HANG_SECONDS + " s: a deadlock?");
        }
    }

    /** Starts {@code task} on a new thread. */
    static <T> Started<T> start(String name, Callable<T> task) {
        FutureTask<T> future = new FutureTask<>(task);
        Thread thread = new Thread(future, name);
        thread.setDaemon(true);
        thread.start();
        return new Started<>(thread, future);
    }
}
