package org.guichet.rules.engine;

/**
 * Sets the thread context classloader for the duration of a Drools call and restores it: Drools finds its
 * services (and in OSGi, KieServices itself) through it.
 */
final class ContextClassLoader implements AutoCloseable {
    private final Thread thread = Thread.currentThread();
    private final ClassLoader previous = thread.getContextClassLoader();

    private ContextClassLoader(ClassLoader loader) {
        thread.setContextClassLoader(loader);
    }

    static ContextClassLoader use(ClassLoader loader) {
        return new ContextClassLoader(loader);
    }

    @Override public void close() {
        thread.setContextClassLoader(previous);
    }
}
