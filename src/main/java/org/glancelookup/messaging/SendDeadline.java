package org.glancelookup.messaging;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.activemq.artemis.api.core.ActiveMQException;
import org.apache.activemq.artemis.api.core.ActiveMQExceptionType;

/**
 * A time limit on every send to the broker. An Artemis producer waits without any limit while its address blocks
 * producers (an external broker's BLOCK policy, a full disk, a fail-over in progress), and the lookup's thread
 * would wait with it. Wrapped around the broker's ConnectionFactory, a {@code MessageProducer.send} still waiting
 * after the deadline is interrupted (Artemis' wait for credits and for the broker's confirmation both end on an
 * interrupt), and every failed send becomes {@link SendRefused}. A send interrupted while waiting for the
 * confirmation may still have been stored: the caller is told it was not, and a retry may store it twice (the
 * de-duplication key is LookupRequestId, README "Delivery guarantees").
 */
public final class SendDeadline implements AutoCloseable {
    private final long timeoutNanos;
    private final Set<Send> sending = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "broker-send-deadline");
        thread.setDaemon(true);
        return thread;
    });

    public SendDeadline(Duration timeout) {
        this.timeoutNanos = timeout.toNanos();
        long tick = Math.max(10, Math.min(100, timeout.toMillis() / 10));
        watchdog.scheduleAtFixedRate(this::expireOverdue, tick, tick, TimeUnit.MILLISECONDS);
    }

    /** The factory whose connections' sessions' producers keep the deadline. */
    public ConnectionFactory wrap(ConnectionFactory factory) {
        return (ConnectionFactory) bounded(factory);
    }

    @Override
    public void close() {
        watchdog.shutdownNow();
    }

    private void expireOverdue() {
        long now = System.nanoTime();
        for (Send send : sending) {
            if (now - send.deadline > 0) {
                send.expire();
            }
        }
    }

    private Object bounded(Object target) {
        Set<Class<?>> interfaces = new LinkedHashSet<>();
        for (Class<?> type = target.getClass(); type != null; type = type.getSuperclass()) {
            collectJmsInterfaces(type, interfaces);
        }
        return Proxy.newProxyInstance(SendDeadline.class.getClassLoader(), interfaces.toArray(Class<?>[]::new),
                new Handler(target));
    }

    private static void collectJmsInterfaces(Class<?> type, Set<Class<?>> into) {
        for (Class<?> implemented : type.getInterfaces()) {
            if (implemented.getName().startsWith("jakarta.jms.")) {
                into.add(implemented);
            }
            collectJmsInterfaces(implemented, into);
        }
    }

    private final class Handler implements InvocationHandler {
        private final Object target;

        Handler(Object target) {
            this.target = target;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            switch (method.getName()) {
                case "equals":
                    if (args != null && args.length == 1) {
                        return proxy == args[0];
                    }
                    break;
                case "hashCode":
                    if (args == null) {
                        return System.identityHashCode(proxy);
                    }
                    break;
                case "send":
                    if (target instanceof MessageProducer) {
                        return timedSend(method, args);
                    }
                    break;
                default:
                    break;
            }
            Object result = call(method, args);
            return result instanceof Connection || result instanceof Session || result instanceof MessageProducer
                    ? bounded(result) : result;
        }

        private Object timedSend(Method method, Object[] args) throws Throwable {
            Send send = new Send(System.nanoTime() + timeoutNanos);
            sending.add(send);
            try {
                return method.invoke(target, args);
            } catch (InvocationTargetException e) {
                Throwable cause = e.getCause();
                if (send.interrupted()) {
                    throw new SendRefused(SendRefused.Reason.timeout, "the broker did not take the message within "
                            + TimeUnit.NANOSECONDS.toMillis(timeoutNanos) + " ms", cause);
                }
                if (cause instanceof JMSException failed) {
                    throw new SendRefused(addressFull(failed) ? SendRefused.Reason.full : SendRefused.Reason.failed,
                            String.valueOf(failed.getMessage()), failed);
                }
                throw cause;
            } finally {
                sending.remove(send);
                if (send.finish()) {
                    Thread.interrupted(); // our interrupt, not the caller's: it must not reach the thread's next step
                }
            }
        }

        private Object call(Method method, Object[] args) throws Throwable {
            try {
                return method.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }
    }

    private static boolean addressFull(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ActiveMQException artemis && artemis.getType() == ActiveMQExceptionType.ADDRESS_FULL) {
                return true;
            }
            if (t instanceof JMSException jms && jms.getLinkedException() != null && jms.getLinkedException() != t
                    && addressFull(jms.getLinkedException())) {
                return true;
            }
        }
        return false;
    }

    /** One send in progress: interrupted at most once, and never after it has finished. */
    private static final class Send {
        private final Thread thread = Thread.currentThread();
        private final long deadline;
        private boolean done;
        private boolean interrupted;

        Send(long deadline) {
            this.deadline = deadline;
        }

        synchronized void expire() {
            if (!done && !interrupted) {
                interrupted = true;
                thread.interrupt();
            }
        }

        synchronized boolean interrupted() {
            return interrupted;
        }

        synchronized boolean finish() {
            done = true;
            return interrupted;
        }
    }
}
